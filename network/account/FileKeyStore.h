#pragma once

#include "network/account/KeyStore.h"

// The key in a file readable by its owner alone (0600, in a 0700 folder), for machines where no
// Secret Service answers (headless, minimal desktops). Written to a temporary file created with
// those permissions and renamed into place, so there is never a moment it is readable by others.
class FileKeyStore : public KeyStore
{
public:
    explicit FileKeyStore(QString path);

    // ~/.config/fal-files/api-key (the app's config folder).
    static QString defaultPath();

    QString path() const { return m_path; }
    QString description() const override;
    void read(Callback done) override;
    void write(const QString &key, Callback done) override;
    void remove(Callback done) override;

private:
    QString m_path;
};
