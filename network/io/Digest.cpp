#include "network/io/Digest.h"

#include <openssl/evp.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

struct Digest::Private
{
    Algorithm algorithm;
    EVP_MD_CTX *ctx = nullptr;
};

Digest::Digest(Algorithm algorithm) : d(std::make_unique<Private>())
{
    d->algorithm = algorithm;
    d->ctx = EVP_MD_CTX_new();
    reset();
}

Digest::~Digest()
{
    if (d)
        EVP_MD_CTX_free(d->ctx);
}

Digest::Digest(Digest &&) noexcept = default;
Digest &Digest::operator=(Digest &&) noexcept = default;

void Digest::reset()
{
    EVP_DigestInit_ex(d->ctx, d->algorithm == Algorithm::Md5 ? EVP_md5() : EVP_sha256(), nullptr);
}

void Digest::addData(const char *data, size_t length)
{
    if (length > 0)
        EVP_DigestUpdate(d->ctx, data, length);
}

QByteArray Digest::hexResult()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(d->ctx, out, &length);
    return QByteArray(reinterpret_cast<const char *>(out), int(length)).toHex();
}

QByteArray Digest::md5Hex(const QByteArray &data)
{
    Digest digest(Algorithm::Md5);
    digest.addData(data.constData(), size_t(data.size()));
    return digest.hexResult();
}

bool Digest::hashRange(int fd, qint64 offset, qint64 length, Digest *first, Digest *second,
                       QString *error)
{
    // One buffer per thread: hashing runs on the hasher thread and a few request threads, and
    // a fresh MiB per call would leave freed blocks in every malloc arena.
    thread_local std::vector<char> buffer(256 * 1024);
    while (length > 0) {
        const size_t want = size_t(std::min<qint64>(length, qint64(buffer.size())));
        const ssize_t got = ::pread(fd, buffer.data(), want, off_t(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (error)
                *error = got < 0 ? QString::fromLocal8Bit(std::strerror(errno))
                                 : QStringLiteral("file is shorter than expected");
            return false;
        }
        if (first)
            first->addData(buffer.data(), size_t(got));
        if (second)
            second->addData(buffer.data(), size_t(got));
        offset += got;
        length -= got;
    }
    return true;
}
