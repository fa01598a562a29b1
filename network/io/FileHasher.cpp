#include "network/io/FileHasher.h"

#include "network/io/Digest.h"

#include <QDir>
#include <QFile>

#include <optional>

namespace {
constexpr qint64 kBlockBytes = 1024 * 1024;

QString cancelled()
{
    return QStringLiteral("cancelled");
}

// MD5 and SHA-256 (all the API uses) through OpenSSL: its SHA-256 is eight times faster than
// Qt's here. Any other algorithm through QCryptographicHash.
class AnyHash
{
public:
    explicit AnyHash(QCryptographicHash::Algorithm algorithm)
    {
        if (algorithm == QCryptographicHash::Md5 || algorithm == QCryptographicHash::Sha256)
            m_digest.emplace(algorithm == QCryptographicHash::Md5 ? Digest::Algorithm::Md5
                                                                  : Digest::Algorithm::Sha256);
        else
            m_qt.emplace(algorithm);
    }
    void addData(const char *data, qint64 size)
    {
        if (m_digest)
            m_digest->addData(data, size_t(size));
        else
            m_qt->addData(QByteArrayView(data, size));
    }
    QByteArray hexResult() { return m_digest ? m_digest->hexResult() : m_qt->result().toHex(); }

private:
    std::optional<Digest> m_digest;
    std::optional<QCryptographicHash> m_qt;
};
} // namespace

FileHasher::Result FileHasher::hashFile(const QString &path,
                                        QCryptographicHash::Algorithm algorithm,
                                        const std::atomic_bool *cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())};
    AnyHash hash(algorithm);
    QByteArray block(kBlockBytes, Qt::Uninitialized);
    for (;;) {
        if (cancel && cancel->load())
            return {{}, cancelled()};
        const qint64 n = file.read(block.data(), block.size());
        if (n < 0)
            return {{}, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())};
        if (n == 0)
            break;
        hash.addData(block.constData(), n);
    }
    return {QString::fromLatin1(hash.hexResult()), {}};
}

namespace {

bool hashFolderInto(const QString &dir, Digest &hash, QByteArray &block,
                    const std::atomic_bool *cancel, QString *error)
{
    const QDir folder(dir);
    for (const QFileInfo &file :
         folder.entryInfoList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name)) {
        if (file.fileName() == QLatin1String(".fal_hash"))
            continue;
        QFile input(file.absoluteFilePath());
        if (!input.open(QIODevice::ReadOnly)) {
            *error
                = QStringLiteral("Cannot read %1: %2").arg(input.fileName(), input.errorString());
            return false;
        }
        for (qint64 n; (n = input.read(block.data(), block.size())) > 0;) {
            if (cancel && cancel->load())
                return false;
            hash.addData(block.constData(), size_t(n));
        }
    }
    for (const QFileInfo &sub :
         folder.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name)) {
        if (!sub.isSymLink() && !hashFolderInto(sub.absoluteFilePath(), hash, block, cancel, error))
            return false;
    }
    return true;
}

} // namespace

FileHasher::Result FileHasher::hashFolder(const QString &dir, const std::atomic_bool *cancel)
{
    Digest hash(Digest::Algorithm::Sha256);
    QByteArray block(kBlockBytes, Qt::Uninitialized);
    QString error;
    if (!hashFolderInto(dir, hash, block, cancel, &error))
        return {{}, error.isEmpty() ? cancelled() : error};
    return {QString::fromLatin1(hash.hexResult()), {}};
}

FileHasher::PartsResult
FileHasher::hashParts(const QString &path, qint64 partSize, const std::atomic_bool *cancel,
                      const std::function<void(int, const QString &)> &onPart)
{
    PartsResult result;
    if (partSize <= 0) {
        result.error = QStringLiteral("invalid part size %1 for %2").arg(partSize).arg(path);
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    Digest whole(Digest::Algorithm::Md5);
    Digest part(Digest::Algorithm::Md5);
    qint64 inPart = 0;
    auto closePart = [&] {
        const QString md5 = QString::fromLatin1(part.hexResult());
        result.partMd5s << md5;
        if (onPart)
            onPart(int(result.partMd5s.size()), md5);
        part.reset();
        inPart = 0;
    };
    QByteArray block(kBlockBytes, Qt::Uninitialized);
    for (;;) {
        if (cancel && cancel->load()) {
            result.error = cancelled();
            return result;
        }
        const qint64 want = qMin<qint64>(block.size(), partSize - inPart);
        const qint64 n = file.read(block.data(), want);
        if (n < 0) {
            result.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
            return result;
        }
        if (n == 0)
            break;
        whole.addData(block.constData(), size_t(n));
        part.addData(block.constData(), size_t(n));
        inPart += n;
        if (inPart == partSize)
            closePart();
    }
    if (inPart > 0 || result.partMd5s.isEmpty())
        closePart();
    result.wholeMd5 = QString::fromLatin1(whole.hexResult());
    return result;
}
