#include "emulator/routes/DownloadHandler.h"

#include "emulator/routes/Exchange.h"
#include "emulator/server/RequestContext.h"
#include "emulator/store/RegularFile.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <httplib.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

namespace fal::emulator {

namespace {

constexpr size_t kChunk = 256 * 1024;

// Open file plus one reusable buffer, shared by the provider calls of one answer.
struct OpenFile
{
    int fd = -1;
    qint64 first = 0;
    std::vector<char> buffer;
    ~OpenFile()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

QString httpDate(qint64 seconds)
{
    return QLocale::c().toString(QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC),
                                 QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
}

} // namespace

std::optional<std::pair<qint64, qint64>> DownloadHandler::parseRange(const QString &header,
                                                                     qint64 size)
{
    static const QRegularExpression form(QStringLiteral(R"(^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$)"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = form.match(header);
    if (!m.hasMatch())
        return std::nullopt; // malformed or a list of ranges: serve the whole file
    const QString a = m.captured(1);
    const QString b = m.captured(2);
    bool okA = true, okB = true;
    const qint64 first = a.isEmpty() ? -1 : a.toLongLong(&okA);
    const qint64 last = b.isEmpty() ? -1 : b.toLongLong(&okB);
    if (!okA || !okB || (a.isEmpty() && b.isEmpty()))
        return std::nullopt;
    const std::pair<qint64, qint64> unsatisfiable {-1, -1};
    if (a.isEmpty()) { // suffix: the last n bytes
        if (last == 0 || size == 0)
            return unsatisfiable;
        return std::make_pair(qMax<qint64>(0, size - last), size - 1);
    }
    if (!b.isEmpty() && last < first)
        return std::nullopt; // invalid: ignore, as RFC 9110 allows
    if (first >= size)
        return unsatisfiable;
    return std::make_pair(first, b.isEmpty() ? size - 1 : qMin(last, size - 1));
}

void DownloadHandler::download(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!ex.resolvePath(ctx, &target))
        return;
    // Never open() before the type is known: a FIFO would block this worker until a writer came.
    const RegularFile::Result opened = RegularFile::open(target.localPath);
    if (opened.status == RegularFile::Status::NotRegular) {
        HttpResponder::detail(ex.res, 400,
                              target.apiPath() + QStringLiteral(" is not a regular file (")
                                  + opened.kind + QLatin1Char(')'));
        return;
    }
    if (opened.status != RegularFile::Status::Ok) {
        HttpResponder::detail(ex.res, 404, QStringLiteral("File not found: ") + target.apiPath());
        return;
    }
    auto file = std::make_shared<OpenFile>();
    file->fd = opened.fd;
    const struct stat &st = opened.st;
    const qint64 size = st.st_size;
    // Strong validator: any rewrite changes the inode (uploads are renamed into place), the
    // size or the nanosecond mtime.
    const QString etag
        = QStringLiteral("\"%1-%2-%3\"")
              .arg(quint64(st.st_ino), 0, 16)
              .arg(quint64(size), 0, 16)
              .arg(quint64(st.st_mtim.tv_sec) * 1000000000ull + quint64(st.st_mtim.tv_nsec), 0, 16);
    const QString lastModified = httpDate(st.st_mtim.tv_sec);
    ex.res.set_header("ETag", etag.toStdString());
    ex.res.set_header("Last-Modified", lastModified.toStdString());
    ex.res.set_header("Accept-Ranges", "bytes");

    qint64 first = 0;
    qint64 length = size;
    int status = 200;
    const QString rangeHeader = QString::fromStdString(ex.req.get_header_value("Range"));
    const QString ifRange = QString::fromStdString(ex.req.get_header_value("If-Range")).trimmed();
    const bool rangeApplies = !rangeHeader.isEmpty()
        && (ifRange.isEmpty() || ifRange == etag || ifRange == lastModified);
    if (rangeApplies) {
        if (const auto range = parseRange(rangeHeader, size)) {
            if (range->first < 0) {
                HttpResponder::detail(
                    ex.res, 416, QStringLiteral("Range not satisfiable for %1 bytes").arg(size));
                ex.res.set_header("Content-Range",
                                  QStringLiteral("bytes */%1").arg(size).toStdString());
                return;
            }
            first = range->first;
            length = range->second - range->first + 1;
            status = 206;
            ex.res.set_header("Content-Range",
                              QStringLiteral("bytes %1-%2/%3")
                                  .arg(range->first)
                                  .arg(range->second)
                                  .arg(size)
                                  .toStdString());
        }
    }

    ex.res.status = status;
    if (length == 0) {
        ex.res.set_content(std::string(), "application/octet-stream");
        return;
    }
    file->first = first;
    const std::atomic<bool> *stopping = &ctx.stopping;
    ex.res.set_content_provider(
        size_t(length), "application/octet-stream",
        [file, stopping](size_t offset, size_t remaining, httplib::DataSink &sink) {
            if (stopping->load())
                return false;
            if (file->buffer.empty())
                file->buffer.resize(kChunk);
            const size_t want = std::min(remaining, kChunk);
            ssize_t got;
            do {
                got = ::pread(file->fd, file->buffer.data(), want,
                              off_t(file->first + qint64(offset)));
            } while (got < 0 && errno == EINTR);
            if (got <= 0)
                return false; // the file shrank under us: cut the answer short
            return RequestContext::current().writeBody(sink, file->buffer.data(), size_t(got),
                                                       size_t(got) == remaining);
        });
}

} // namespace fal::emulator
