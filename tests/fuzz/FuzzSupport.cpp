#include "FuzzSupport.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace fatora::fuzz {

namespace {

void quietHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    // Fatal messages end the process after the handler returns; say what they were first.
    if (type == QtFatalMsg || type == QtCriticalMsg)
        std::fprintf(stderr, "Qt: %s\n", qPrintable(message));
}

} // namespace

void initialize()
{
    qInstallMessageHandler(quietHandler);
    static int argc = 1;
    static char name[] = "fatora-fuzz";
    static char *argv[] = {name, nullptr};
    static const auto *app = new QCoreApplication(argc, argv); // lives as long as the process
    Q_UNUSED(app);
}

void fail(const char *invariant, const QString &detail)
{
    std::fprintf(stderr, "\n==== fuzz invariant broken: %s\n==== %s\n", invariant, qPrintable(detail));
    std::fflush(stderr);
    std::abort();
}

uint8_t Reader::byte()
{
    return m_pos < m_size ? m_data[m_pos++] : 0;
}

QByteArray Reader::bytes(size_t count)
{
    const size_t n = std::min(count, m_size - m_pos);
    QByteArray out(reinterpret_cast<const char *>(m_data + m_pos), qsizetype(n));
    m_pos += n;
    return out;
}

QByteArray Reader::rest()
{
    return bytes(m_size - m_pos);
}

} // namespace fatora::fuzz
