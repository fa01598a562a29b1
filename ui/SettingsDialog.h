#pragma once

#include "ui/TransferSettings.h"

#include <QDialog>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class TransferService;

// Settings → Configure fal Files… (Ctrl+,), as KDE applications have it: files in flight, the
// upload and download limits (KiB/s or MiB/s; unchecked = unlimited), the default download
// folder and packing of small files. OK saves them and applies them to the running engine at
// once; they are applied again at every start (AppSession).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const TransferSettings &settings, QWidget *parent = nullptr);
    TransferSettings settings() const;

    // The menu action: opens the dialog over `window`; accepted, it saves and applies to
    // `service`. Owned by `window`.
    static QAction *makeConfigureAction(QWidget *window, TransferService *service);

private:
    struct RateRow
    {
        QCheckBox *enabled = nullptr;
        QDoubleSpinBox *amount = nullptr;
        QComboBox *unit = nullptr;
    };
    RateRow makeRateRow(const QString &label, qint64 bytesPerSecond);
    static qint64 rateOf(const RateRow &row);
    void chooseFolder();

    QSpinBox *m_files = nullptr;
    RateRow m_upload;
    RateRow m_download;
    QLineEdit *m_folder = nullptr;
    QCheckBox *m_pack = nullptr;
};
