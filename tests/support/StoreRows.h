#pragma once

#include "store/Store.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace fatora::test {

// Every row of a store by what identifies it outside that database - a customer's reference (else
// name and phone), a card's token text, a payment's order id, an audit entry's object so named -
// mapped to every field a copy must keep, as text. Two stores holding the same data give equal
// maps whatever their ids. Payments in changedOnPurpose (order ids) leave out their state, refund
// state, note and updated time, for a test that checks those on its own.
QMap<QString, QString> rowsByNaturalKey(Store &store, const QStringList &changedOnPurpose = {});

// The operator a row written through `store` names: on a database that keeps staff accounts, the
// login that signed in (the database writes it, whatever the row said); on a file, the name given.
QString recordedOperator(Store &store, const QString &given);

} // namespace fatora::test
