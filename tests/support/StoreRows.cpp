#include "StoreRows.h"

using namespace Qt::StringLiterals;

namespace fatora::test {

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : u"-"_s;
}

QString money(const std::optional<Money> &m)
{
    return m ? u"%1 %2"_s.arg(m->minorUnits()).arg(m->currency()) : u"-"_s;
}

template <typename Row, typename Read> QList<Row> everything(Read read)
{
    QList<Row> rows;
    qint64 after = 0;
    for (;;) {
        auto page = read(after);
        if (!page.ok())
            qFatal("reading rows: %s", qPrintable(page.error().toString()));
        if (page->isEmpty())
            return rows;
        rows << page.value();
        after = rows.last().id;
    }
}

} // namespace

QMap<QString, QString> rowsByNaturalKey(Store &store, const QStringList &changedOnPurpose)
{
    QMap<QString, QString> rows;
    QHash<qint64, QString> customerKeys;
    QHash<qint64, QString> tokenKeys;
    QHash<qint64, QString> paymentKeys;
    for (const Customer &c : everything<Customer>([&](qint64 a) { return store.customersAfter(a, 3); })) {
        const QString key = c.reference.isEmpty() ? c.name + u'|' + c.phone : c.reference;
        customerKeys.insert(c.id, key);
        rows.insert(u"customer "_s + key, QStringList{c.name, c.email, c.phone, c.reference, c.notes,
                                                      c.archived ? u"archived"_s : u"-"_s, when(c.createdAt)}
                                              .join(u'|'));
    }
    for (const CardToken &t : everything<CardToken>([&](qint64 a) { return store.tokensAfter(a, 3); })) {
        tokenKeys.insert(t.id, t.token);
        rows.insert(u"token "_s + t.token,
                    QStringList{customerKeys.value(t.customerId), t.label, t.issuedOn.toString(Qt::ISODate),
                                t.expiresOn.toString(Qt::ISODate), money(t.firstAmount), t.currency,
                                tokenStatusName(t.status), when(t.statusChangedAt), when(t.lastUsedAt),
                                when(t.createdAt)}
                        .join(u'|'));
    }
    for (const Payment &p : everything<Payment>([&](qint64 a) { return store.paymentsAfter(a, 3); })) {
        paymentKeys.insert(p.id, p.orderId);
        const bool changed = changedOnPurpose.contains(p.orderId);
        rows.insert(u"payment "_s + p.orderId, QStringList{tokenKeys.value(p.tokenId),
                                                           customerKeys.value(p.customerId),
                                                           money(p.amount),
                                                           p.currency,
                                                           money(p.expectedAmount),
                                                           money(p.takenAmount),
                                                           changed ? u"*"_s : paymentStateName(p.state),
                                                           p.gatewayStatus,
                                                           p.statusCode,
                                                           p.transactionId,
                                                           p.authCode,
                                                           p.mode,
                                                           p.description,
                                                           QString::number(p.httpStatus),
                                                           p.errorText,
                                                           p.requestBody,
                                                           p.responseBody,
                                                           p.operatorName,
                                                           changed ? u"*"_s : p.note,
                                                           when(p.createdAt),
                                                           changed ? u"*"_s : when(p.updatedAt),
                                                           when(p.lastCheckedAt),
                                                           changed ? u"*"_s : refundStateName(p.refundState),
                                                           p.refundStatus,
                                                           when(p.refundedAt)}
                                                   .join(u'|'));
    }
    AuditEntry after;
    for (;;) {
        auto page = store.auditByObjectAfter(after, 4);
        if (!page.ok())
            qFatal("reading the audit: %s", qPrintable(page.error().toString()));
        if (page->isEmpty())
            break;
        for (const AuditEntry &e : page.value()) {
            const QHash<qint64, QString> *keys = e.objectType == u"customer"_s  ? &customerKeys
                                                 : e.objectType == u"token"_s   ? &tokenKeys
                                                 : e.objectType == u"payment"_s ? &paymentKeys
                                                                                : nullptr;
            const QString object = keys ? keys->value(e.objectId) : QString::number(e.objectId);
            QString &line = rows[u"audit "_s + e.objectType + u' ' + object];
            line += QStringList{when(e.at), e.action, e.operatorName, e.detail}.join(u'|') + u'\n';
        }
        after = page->constLast();
    }
    return rows;
}

QString recordedOperator(Store &store, const QString &given)
{
    if (!store.keepsStaffAccounts())
        return given;
    auto me = store.signedIn();
    return me.ok() ? me->login : QString();
}

} // namespace fatora::test
