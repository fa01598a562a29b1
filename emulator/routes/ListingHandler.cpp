#include "emulator/routes/ListingHandler.h"

#include "emulator/routes/Exchange.h"
#include "emulator/routes/FileSpecJson.h"

#include <QDir>
#include <QFileInfo>

namespace fal::emulator {

void ListingHandler::list(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath dir;
    if (!ex.resolvePath(ctx, &dir))
        return;
    QList<QByteArray> specs;
    const QFileInfo info(dir.localPath);
    if (info.isDir()) {
        const QStringList names
            = QDir(dir.localPath)
                  .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                             QDir::Name);
        specs.reserve(names.size());
        for (const QString &name : names) {
            if (dir.isRoot() && name == QLatin1String(SafePathResolver::kReservedName))
                continue;
            const QString localPath = dir.localPath + QLatin1Char('/') + name;
            if (!ctx.resolver.staysInside(localPath, nullptr))
                continue;
            const QString apiPath = dir.apiPath() + QLatin1Char('/') + name;
            QByteArray spec;
            if (FileSpecJson::build(ex.surface(), apiPath, localPath, &spec))
                specs.append(spec);
        }
    }
    HttpResponder::json(ex.res, 200, FileSpecJson::array(specs));
}

} // namespace fal::emulator
