#pragma once

#include "common/UiSupport.h"
#include "domain/CardToken.h"

#include <QDialog>

#include <memory>

namespace Ui {
class RevokeDialog;
}

namespace fatora {

struct DeskContext;

// Revokes (deactivates) one saved card: asks for confirmation and a reason (kept in the audit
// log), then shows whether Fatora confirmed. An unconfirmed revoke leaves the card revoke-pending,
// which can never be charged, and offers Retry.
class RevokeDialog : public QDialog
{
    Q_OBJECT
public:
    RevokeDialog(DeskContext &context, qint64 tokenId, QWidget *parent = nullptr);
    ~RevokeDialog() override;

    qint64 tokenId() const { return m_tokenId; }
    bool isInFlight() const { return m_inFlight; }
    // The card is read on the desk's reader; nothing can be started before it is shown.
    bool isReading() const { return m_reading; }

private:
    void showSubject(const UiSupport::CardSubject &subject);
    void start();
    void finished(bool deactivated);
    void showError(const QString &message);

    std::unique_ptr<Ui::RevokeDialog> m_ui;
    DeskContext &m_context;
    const qint64 m_tokenId;
    CardToken m_token;
    QString m_customerName;
    bool m_inFlight = false;
    bool m_reading = false;
};

} // namespace fatora
