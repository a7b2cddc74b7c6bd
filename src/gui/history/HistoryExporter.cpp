#include "history/HistoryExporter.h"

#include "common/Display.h"
#include "csv/HistoryCsvWriter.h"

#include <QCoreApplication>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace fatora {

Result<int> HistoryExporter::exportTo(Store &store, PaymentQuery filter, const QString &path)
{
    QList<PaymentRow> rows;
    filter.offset = 0;
    filter.limit = PageSize;
    for (;;) {
        auto page = store.findPayments(filter);
        if (!page.ok())
            return page.error();
        rows.append(page.value());
        if (page->size() < PageSize)
            break;
        filter.offset += PageSize;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{u"file"_s, QCoreApplication::translate("HistoryExporter", "Cannot write %1: %2")
                                    .arg(Display::path(path), file.errorString())};
    file.write(HistoryCsvWriter::write(rows));
    if (!file.commit())
        return Error{u"file"_s, QCoreApplication::translate("HistoryExporter", "Cannot write %1: %2")
                                    .arg(Display::path(path), file.errorString())};
    return int(rows.size());
}

} // namespace fatora
