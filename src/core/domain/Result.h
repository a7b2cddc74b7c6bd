#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace fatora {

// What sort of failure an Error is. Callers decide on the kind (retry, reload, fix the input, stop),
// never on the message text or the field name, which are for people.
enum class ErrorKind {
    Validation,  // the input is wrong: fix the named field and try again
    NotFound,    // the thing asked for does not exist (any more)
    Conflict,    // the data already says otherwise: a duplicate, or another desk got there first
    Busy,        // the data is locked for a moment: trying again shortly may succeed
    Unavailable, // the data cannot be reached (missing file, full disk, server down)
    Permission,  // this user, or a rule the data keeps, does not allow it
    Internal,    // a programming error: nothing the person can fix
};

// An error as a value: which field (or area) is wrong and what the person should do about it.
// Messages are complete sentences meant for the operator, already translated where they come
// from user input validation.
struct Error
{
    QString field;   // e.g. "amount", "card_token", "database"; empty when no single field is at fault
    QString message; // what is wrong and, where possible, how to fix it
    ErrorKind kind = ErrorKind::Validation;

    QString toString() const { return field.isEmpty() ? message : field + QStringLiteral(": ") + message; }
    bool is(ErrorKind k) const { return kind == k; }
    // The data store, not the request, is at fault: no input change will help.
    bool isStorageFault() const
    {
        return kind == ErrorKind::Busy || kind == ErrorKind::Unavailable || kind == ErrorKind::Permission ||
               kind == ErrorKind::Internal;
    }
};

// A small std::expected stand-in (C++20 has none): either a value or an Error.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    // By value from a temporary: "for (x : store.find(...).value())" must not loop over a
    // reference into a Result that died at the end of the expression.
    T value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }

    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_ok(false), m_error(std::move(error)) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    bool m_ok = true;
    Error m_error;
};

} // namespace fatora
