#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QString>

namespace fatora {

// Passwords of staff logins on the shared database. The server is handed only a SCRAM-SHA-256
// verifier, computed here as libpq's PQencryptPasswordConn does: the plain password never travels in
// a statement, so no server log, statement view or error message can hold it.
class StaffPassword
{
public:
    static constexpr int Iterations = 4096; // the server's default (scram_iterations)
    static constexpr int MinimumLength = 12;

    // "SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>", with a fresh random salt.
    static QString verifier(const QString &password);
    // The same with a given salt, for tests that compare with a known verifier.
    static QString verifier(const QString &password, const QByteArray &salt, int iterations);
    // A one-time password for a new person: 16 characters an administrator can read aloud (no 0/O,
    // 1/l/I), in groups of four, from the system's random generator.
    static QString oneTime();
    // Whether a person's own new password will do; a Validation error on field "password" says why.
    static Result<void> checkNew(const QString &password, const QString &login);

private:
    // SASLprep as far as it changes a password in practice: compatibility forms folded (NFKC), as
    // libpq folds what the person types when they sign in.
    static QByteArray prepared(const QString &password);
};

} // namespace fatora
