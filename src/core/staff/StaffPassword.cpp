#include "staff/StaffPassword.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace fatora {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(fatora::StaffPassword)
};

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

} // namespace

QByteArray StaffPassword::prepared(const QString &password)
{
    return password.normalized(QString::NormalizationForm_KC).toUtf8();
}

QString StaffPassword::verifier(const QString &password)
{
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    return verifier(password, salt, Iterations);
}

QString StaffPassword::verifier(const QString &password, const QByteArray &salt, int iterations)
{
    // RFC 5802 / 7677, as PostgreSQL stores it (scram_build_secret).
    const QByteArray salted = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256,
                                                                 prepared(password), salt, iterations, 32);
    const QByteArray clientKey = hmac(salted, QByteArrayLiteral("Client Key"));
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray serverKey = hmac(salted, QByteArrayLiteral("Server Key"));
    return u"SCRAM-SHA-256$%1:%2$%3:%4"_s.arg(
        QString::number(iterations), QString::fromLatin1(salt.toBase64()),
        QString::fromLatin1(storedKey.toBase64()), QString::fromLatin1(serverKey.toBase64()));
}

QString StaffPassword::oneTime()
{
    static const QString alphabet = u"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"_s;
    QString out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0)
            out += u'-';
        out += alphabet.at(int(QRandomGenerator::system()->bounded(quint32(alphabet.size()))));
    }
    return out;
}

Result<void> StaffPassword::checkNew(const QString &password, const QString &login)
{
    if (password.size() < MinimumLength)
        return Error{u"password"_s,
                     Tr::tr("the new password is too short: use at least %1 characters.").arg(MinimumLength)};
    for (const QChar c : password) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return Error{u"password"_s,
                         Tr::tr("the new password holds an invisible or control character; type "
                                "it again with letters, digits, spaces and punctuation only.")};
    }
    if (password.contains(login, Qt::CaseInsensitive))
        return Error{u"password"_s, Tr::tr("the new password must not contain the login name.")};
    return {};
}

} // namespace fatora
