#pragma once

#include <QString>

class TransferService;

// What the settings dialog edits: how many files move at once, the bandwidth limits, where
// downloads go by default and whether small files of a drop travel packed in one ZIP. Kept with
// QSettings ("transfers/..."); applied to the running engine through TransferService's queued
// calls at start and whenever the dialog is accepted.
struct TransferSettings
{
    static constexpr int kDefaultFilesInFlight = 3; // the engine's own default
    static constexpr int kMaxFilesInFlight = 16;

    int filesInFlight = kDefaultFilesInFlight;
    qint64 uploadBytesPerSecond = 0; // 0 = unlimited
    qint64 downloadBytesPerSecond = 0;
    QString downloadFolder; // empty: the folder used last
    bool packSmallFiles = true;

    static TransferSettings load();
    void save() const;
    void applyTo(TransferService *service) const;
    // Where "Download…" opens: the default download folder when it exists, else `fallback`.
    static QString downloadFolderOr(const QString &fallback);
};
