#pragma once

// What every fuzz target shares: a quiet Qt (no application output per input), invariant checks
// that abort with a readable reason (libFuzzer then saves the input), and a reader that frames a
// fuzz input into a few small fields and a rest.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace fatora::fuzz {

// Once per process, from LLVMFuzzerInitialize: a QCoreApplication (the SQLite plugin wants one)
// and a message handler that drops Qt's debug and warning lines (fatal ones still abort).
void initialize();

// Prints which invariant broke and why, then aborts so libFuzzer keeps the input as a crash.
[[noreturn]] void fail(const char *invariant, const QString &detail);

// Reads a fuzz input front to back; past the end it yields zeros and empty arrays.
class Reader
{
public:
    Reader(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}
    uint8_t byte();
    QByteArray bytes(size_t count);
    QByteArray rest();

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

} // namespace fatora::fuzz

#define FUZZ_CHECK(condition, detail)                                                                        \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            ::fatora::fuzz::fail(#condition, (detail));                                                      \
    } while (false)
