#pragma once

#include <QObject>
#include <QString>

class QProcessEnvironment;

namespace fatora {

struct DeskContext;

// This run's API key: where it comes from (the sandbox simulator's own key, FATORA_API_KEY, or the
// system keychain) and what the desk says when the keychain cannot keep it. The key itself only
// ever goes to the gateway client and the key store, never to a message.
class ApiKeyKeeper : public QObject
{
    Q_OBJECT
public:
    struct Source
    {
        QString key;
        bool fromEnvironment = false;
        bool useKeychain = false;
    };
    // Sandbox: the simulator's key. Otherwise FATORA_API_KEY when set (trimmed: it is pasted into a
    // shell); it wins over the keychain and is never stored. Otherwise the system keychain.
    static Source choose(const QProcessEnvironment &environment, bool sandbox, const QString &sandboxKey);
    // What the desk says when the key store kept the key in memory only (error: what it said).
    static QString keptForThisRunText(const QString &keychainError);

    explicit ApiKeyKeeper(DeskContext &context, QObject *parent = nullptr);

    // Reads the key store (not in the sandbox, nor when FATORA_API_KEY gave the key) and hands what
    // it finds to the gateway client.
    void load();

signals:
    void message(const QString &text);
    // The key is kept for this run only, and why; empty: it is stored again.
    void thisRunOnly(const QString &why);

private:
    void failed(const QString &text, const QString &error);

    DeskContext &m_context;
    bool m_loading = false;
};

} // namespace fatora
