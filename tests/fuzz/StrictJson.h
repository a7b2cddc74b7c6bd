#pragma once

// The fuzz targets' oracle for JSON: an RFC 8259 parser written independently of Qt's, which keeps
// every member of an object in order, duplicates included, so a target can ask "exactly one
// top-level status, and is it exactly SUCCESS?" without trusting the code under test.

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace fatora::fuzz {

struct JsonValue
{
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    QByteArray number; // the literal as written
    QString string;
    QList<JsonValue> items;                       // Array
    QList<std::pair<QString, JsonValue>> members; // Object, in order, duplicates kept

    // Every member named key (Object only).
    QList<const JsonValue *> all(const QString &key) const;
    // The member named key when there is exactly one, else nullptr.
    const JsonValue *single(const QString &key) const;
    bool isString(const QString &text) const { return type == Type::String && string == text; }
};

// nullopt unless the whole text is one JSON value (optionally after a UTF-8 byte order mark),
// with strictly valid UTF-8 inside strings.
std::optional<JsonValue> parseStrictJson(const QByteArray &text);

} // namespace fatora::fuzz
