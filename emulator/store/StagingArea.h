#pragma once

#include <QString>

namespace fal::emulator {

// The emulator's own corner of the root: <root>/.fal-emulator/{tmp,uploads,trash}. It lives on
// the same filesystem as the data, so a finished upload is rename()d into place atomically. The
// resolver refuses every route into it and listings never show it.
class StagingArea
{
public:
    explicit StagingArea(const QString &reservedDir);

    bool prepare(QString *error); // creates the dirs, clears tmp/ and trash/ left by a crash
    QString tmpDir() const { return m_dir + QStringLiteral("/tmp"); }
    QString uploadsDir() const { return m_dir + QStringLiteral("/uploads"); }
    QString trashDir() const { return m_dir + QStringLiteral("/trash"); }

    QString newTempPath(const QString &prefix) const; // unique name in tmp/, not created
    // Moves `path` (file or directory) out of sight at once, then deletes it.
    bool discard(const QString &path, QString *error = nullptr) const;

    static QString randomHex(int bytes);

private:
    QString m_dir;
};

// Removes a temporary file or directory when it goes out of scope, unless released.
class TempPathGuard
{
public:
    TempPathGuard(const StagingArea &staging, QString path)
        : m_staging(staging), m_path(std::move(path))
    {
    }
    ~TempPathGuard();
    TempPathGuard(const TempPathGuard &) = delete;
    TempPathGuard &operator=(const TempPathGuard &) = delete;

    const QString &path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    const StagingArea &m_staging;
    QString m_path;
};

} // namespace fal::emulator
