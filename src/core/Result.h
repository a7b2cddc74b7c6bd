#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace fatora {

// An error as a value: which field (or area) is wrong and what the person should do about it.
// Messages are complete sentences meant for the operator, already translated where they come
// from user input validation.
struct Error
{
    QString field;   // e.g. "amount", "card_token", "database"; empty when no single field is at fault
    QString message; // what is wrong and, where possible, how to fix it

    QString toString() const { return field.isEmpty() ? message : field + QStringLiteral(": ") + message; }
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
    T &&value() && { return std::move(*m_value); }
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
