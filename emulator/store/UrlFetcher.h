#pragma once

#include <QString>

#include <atomic>

namespace fal::emulator {

// Downloads a URL into a local file for POST /files/file/url: the server fetches the URL itself
// before answering, as fal's does (its SDK waits up to 10 minutes). http and https, redirects
// followed, body streamed to disk.
class UrlFetcher
{
public:
    struct Result
    {
        bool ok = false;
        QString error;
        qint64 bytes = 0;
    };

    static Result fetch(const QString &url, const QString &destinationFile,
                        const std::atomic<bool> *stopping = nullptr);
};

} // namespace fal::emulator
