#include "csv/ActivityCsvWriter.h"

#include "csv/HistoryCsvWriter.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace fatora {

QByteArray ActivityCsvWriter::write(const QList<AuditEntry> &entries)
{
    QByteArray out = "\xEF\xBB\xBF"; // so that Excel reads the file as UTF-8 (Arabic names)
    out += HistoryCsvWriter::line({u"entry_id"_s, u"at_utc"_s, u"operator"_s, u"action"_s, u"object_type"_s,
                                   u"object_id"_s, u"detail"_s});
    for (const AuditEntry &e : entries) {
        out +=
            HistoryCsvWriter::line({QString::number(e.id), e.at.toUTC().toString(Qt::ISODate), e.operatorName,
                                    e.action, e.objectType, QString::number(e.objectId), e.detail});
    }
    return out;
}

} // namespace fatora
