#pragma once

#include <QString>
#include <QUrl>

// Which of fal's two public HTTP surfaces for files a client speaks (network/api/PROTOCOL.md,
// "Where to send requests"): REST (`/files/...`, what fal's SDK and CLI use, the default) or the
// Platform API v1 (`/v1/serverless/files/...`, what fal's storage page documents), which has
// list, download, upload and upload from a URL, and nothing else. The callers ask supports()
// before they offer an action, so a missing one is said, never tried.
class ApiSurface
{
public:
    enum class Kind { Rest, Platform };
    enum class Operation {
        List,
        Download,
        Upload,
        UrlImport,
        Stat, // "does it exist, how big": the Platform surface answers it from a listing
        Checksum, // the server's SHA-256 or MD5 of a file
        Rename, // rename and move
        Delete,
        Multipart, // large uploads in parts, resumable
        FolderHash,
    };

    ApiSurface() = default;
    explicit ApiSurface(Kind kind) : m_kind(kind) { }
    // An endpoint whose path ends in /v1 (https://api.fal.ai/v1, http://127.0.0.1:PORT/v1) is the
    // Platform surface; anything else is REST.
    static ApiSurface forEndpoint(const QUrl &endpoint);
    // "rest" or "platform" (for --api); false for anything else.
    static bool fromName(const QString &name, ApiSurface *surface);
    static QUrl platformDefaultEndpoint() { return QUrl(QStringLiteral("https://api.fal.ai/v1")); }

    Kind kind() const { return m_kind; }
    bool isPlatform() const { return m_kind == Kind::Platform; }
    QString name() const; // "REST API", "Platform API v1"

    bool supports(Operation operation) const;
    // One sentence for people on why `operation` is not offered here; empty when it is.
    QString whyNot(Operation operation) const;
    // The route of this surface for a REST route: "/files/list" -> "/serverless/files/list".
    QString route(const QString &restRoute) const;

    bool operator==(const ApiSurface &other) const { return m_kind == other.m_kind; }

private:
    Kind m_kind = Kind::Rest;
};
