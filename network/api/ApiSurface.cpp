#include "network/api/ApiSurface.h"

#include <QCoreApplication>

ApiSurface ApiSurface::forEndpoint(const QUrl &endpoint)
{
    QString path = endpoint.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return ApiSurface(path.endsWith(QLatin1String("/v1"), Qt::CaseInsensitive) ? Kind::Platform
                                                                               : Kind::Rest);
}

bool ApiSurface::fromName(const QString &name, ApiSurface *surface)
{
    if (name.compare(QLatin1String("rest"), Qt::CaseInsensitive) == 0)
        *surface = ApiSurface(Kind::Rest);
    else if (name.compare(QLatin1String("platform"), Qt::CaseInsensitive) == 0)
        *surface = ApiSurface(Kind::Platform);
    else
        return false;
    return true;
}

QString ApiSurface::name() const
{
    return isPlatform() ? QStringLiteral("Platform API v1") : QStringLiteral("REST API");
}

bool ApiSurface::supports(Operation operation) const
{
    if (!isPlatform())
        return true;
    switch (operation) {
    case Operation::List:
    case Operation::Download:
    case Operation::Upload:
    case Operation::UrlImport:
    case Operation::Stat:
        return true;
    case Operation::Checksum:
    case Operation::Rename:
    case Operation::Delete:
    case Operation::Multipart:
    case Operation::FolderHash:
        return false;
    }
    return false;
}

QString ApiSurface::whyNot(Operation operation) const
{
    if (supports(operation))
        return {};
    auto tr = [](const char *text) { return QCoreApplication::translate("ApiSurface", text); };
    switch (operation) {
    case Operation::Checksum:
        return tr(
            "fal's Platform API v1 gives no checksums; use the REST endpoint to verify files");
    case Operation::Rename:
        return tr("fal's Platform API v1 cannot rename or move files; use the REST endpoint");
    case Operation::Delete:
        return tr("fal's Platform API v1 cannot delete files; use the REST endpoint");
    case Operation::Multipart:
        return tr("fal's Platform API v1 has no resumable uploads; use the REST endpoint");
    case Operation::FolderHash:
        return tr("fal's Platform API v1 has no folder hashes; use the REST endpoint");
    default:
        return {};
    }
}

QString ApiSurface::route(const QString &restRoute) const
{
    static const QString kRest = QStringLiteral("/files/");
    if (!isPlatform() || !restRoute.startsWith(kRest))
        return restRoute;
    return QStringLiteral("/serverless") + restRoute;
}
