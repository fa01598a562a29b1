#pragma once

// What the sync tests share: an in-process emulator and a CLI with its own journal (kept across
// runs of one test, as a person's is), files written and read, the requests that changed
// something on the server, and fal's own sync_dir hash computed the way fal's SDK does.
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <dirent.h>
#include <sys/stat.h>

#include <string>
#include <vector>

struct SyncFixture
{
    ClientFixture f;
    CliRunner cli {f.server().baseUrl().toString(), f.server().key()};

    QString local(const QString &relative = {}) const
    {
        return relative.isEmpty() ? f.scratch(QStringLiteral("tree"))
                                  : f.scratch(QStringLiteral("tree/") + relative);
    }
    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

    // Runs `sync ... --json` and returns the JSON (empty, with the output in a warning, when
    // the command failed or printed something else).
    QJsonObject syncJson(const QStringList &args, int *exitCode = nullptr)
    {
        const auto result
            = cli.run(QStringList {QStringLiteral("sync"), QStringLiteral("--json")} + args);
        if (exitCode)
            *exitCode = result.exitCode;
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        if (json.isEmpty() || result.exitCode != 0)
            qWarning("sync exited %d: %s%s", result.exitCode, qPrintable(result.out),
                     qPrintable(result.err));
        return json;
    }
    static int total(const QJsonObject &json, const char *name)
    {
        return json.value(QStringLiteral("plan"))
            .toObject()
            .value(QStringLiteral("totals"))
            .toObject()
            .value(QLatin1String(name))
            .toInt(-1);
    }
    static QStringList planned(const QJsonObject &json)
    {
        QStringList lines;
        for (const auto &value : json.value(QStringLiteral("plan"))
                                     .toObject()
                                     .value(QStringLiteral("entries"))
                                     .toArray())
            lines << value.toObject().value(QStringLiteral("action")).toString() + u' '
                    + value.toObject().value(QStringLiteral("path")).toString();
        return lines;
    }

    // Requests that change the store: uploads (simple, packed, multipart), deletes, renames,
    // imports. Listings, stats (with checksums too) and check_hash are reads.
    QStringList mutations()
    {
        QStringList found;
        for (const auto &entry : f.server().requestLog()) {
            const bool write = entry.method == QLatin1String("PUT")
                || entry.method == QLatin1String("DELETE")
                || (entry.method == QLatin1String("POST")
                    && !entry.target.startsWith(QLatin1String("/files/file/exists/"))
                    && !entry.target.startsWith(QLatin1String("/files/dir/check_hash")));
            if (write)
                found << entry.method + u' ' + entry.target;
        }
        return found;
    }
    int requestsMatching(const QString &method, const QString &fragment)
    {
        int n = 0;
        for (const auto &entry : f.server().requestLog())
            n += entry.method == method && entry.target.contains(fragment) ? 1 : 0;
        return n;
    }

    // fal's SDK, fal/sync.py: `for root, _, files in os.walk(dir): for file in files: if file
    // != ".fal_hash": hash.update(open(path, "rb").read())`. os.walk lists with scandir (readdir's
    // order), puts an entry among the folders when it is one through links, and does not enter
    // links to folders. Done here with readdir itself, not with the code under test.
    static QByteArray falSyncDirHash(const QString &dir)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        walk(QFile::encodeName(dir).toStdString(), hash);
        return hash.result().toHex();
    }

private:
    static void walk(const std::string &dir, QCryptographicHash &hash)
    {
        std::vector<std::string> files;
        std::vector<std::string> dirs;
        if (DIR *d = opendir(dir.c_str())) {
            while (dirent *entry = readdir(d)) {
                const std::string name = entry->d_name;
                if (name == "." || name == "..")
                    continue;
                struct stat st
                {
                };
                const bool isDir
                    = ::stat((dir + '/' + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
                (isDir ? dirs : files).push_back(name);
            }
            closedir(d);
        }
        for (const std::string &name : files) {
            if (name == ".fal_hash")
                continue;
            QFile file(QFile::decodeName((dir + '/' + name).c_str()));
            if (file.open(QIODevice::ReadOnly))
                hash.addData(file.readAll());
        }
        for (const std::string &name : dirs) {
            struct stat st
            {
            };
            if (::lstat((dir + '/' + name).c_str(), &st) == 0 && !S_ISLNK(st.st_mode))
                walk(dir + '/' + name, hash);
        }
    }
};
