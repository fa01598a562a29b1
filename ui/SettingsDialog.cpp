#include "ui/SettingsDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace {
constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;
} // namespace

SettingsDialog::SettingsDialog(const TransferSettings &settings, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Configure fal Files"));
    auto *form = new QFormLayout;

    m_files = new QSpinBox;
    m_files->setObjectName(QStringLiteral("filesInFlight"));
    m_files->setRange(1, TransferSettings::kMaxFilesInFlight);
    m_files->setValue(settings.filesInFlight);
    m_files->setToolTip(tr("How many files are uploaded or downloaded at the same time"));
    form->addRow(tr("&Parallel transfers:"), m_files);

    m_upload = makeRateRow(tr("Limit &uploads to"), settings.uploadBytesPerSecond);
    m_upload.enabled->setObjectName(QStringLiteral("limitUploads"));
    m_upload.amount->setObjectName(QStringLiteral("uploadRate"));
    m_upload.unit->setObjectName(QStringLiteral("uploadUnit"));
    m_download = makeRateRow(tr("Limit &downloads to"), settings.downloadBytesPerSecond);
    m_download.enabled->setObjectName(QStringLiteral("limitDownloads"));
    m_download.amount->setObjectName(QStringLiteral("downloadRate"));
    m_download.unit->setObjectName(QStringLiteral("downloadUnit"));
    for (const RateRow *row : {&m_upload, &m_download}) {
        auto *line = new QHBoxLayout;
        line->addWidget(row->amount, 1);
        line->addWidget(row->unit);
        form->addRow(row->enabled, line);
    }

    m_folder = new QLineEdit(settings.downloadFolder);
    m_folder->setObjectName(QStringLiteral("downloadFolder"));
    m_folder->setPlaceholderText(tr("The folder used last"));
    auto *browse = new QPushButton(tr("&Browse…"));
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseFolder);
    auto *folderLine = new QHBoxLayout;
    folderLine->addWidget(m_folder, 1);
    folderLine->addWidget(browse);
    // A layout as the field: the label needs its buddy set by hand, or the '&' shows.
    auto *folderLabel = new QLabel(tr("Download &folder:"));
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderLine);

    m_pack = new QCheckBox(tr("Pac&k small files of a folder into one request"));
    m_pack->setObjectName(QStringLiteral("packSmallFiles"));
    m_pack->setChecked(settings.packSmallFiles);
    m_pack->setToolTip(tr("Many small files go up much faster as one ZIP that the server unpacks"));
    form->addRow(QString(), m_pack);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

SettingsDialog::RateRow SettingsDialog::makeRateRow(const QString &label, qint64 bytesPerSecond)
{
    RateRow row;
    row.enabled = new QCheckBox(label);
    row.amount = new QDoubleSpinBox;
    row.amount->setRange(1, 1'000'000);
    row.amount->setDecimals(1);
    row.unit = new QComboBox;
    row.unit->addItem(tr("KiB/s"), kKiB);
    row.unit->addItem(tr("MiB/s"), kMiB);
    // Shown in MiB/s from 1 MiB/s up, else in KiB/s; unlimited shows 10 MiB/s, unchecked.
    const bool inMiB = bytesPerSecond <= 0 || bytesPerSecond >= kMiB;
    row.unit->setCurrentIndex(inMiB ? 1 : 0);
    row.amount->setValue(bytesPerSecond <= 0 ? 10.0
                                             : double(bytesPerSecond) / (inMiB ? kMiB : kKiB));
    row.enabled->setChecked(bytesPerSecond > 0);
    row.amount->setEnabled(row.enabled->isChecked());
    row.unit->setEnabled(row.enabled->isChecked());
    connect(row.enabled, &QCheckBox::toggled, row.amount, &QWidget::setEnabled);
    connect(row.enabled, &QCheckBox::toggled, row.unit, &QWidget::setEnabled);
    return row;
}

qint64 SettingsDialog::rateOf(const RateRow &row)
{
    if (!row.enabled->isChecked())
        return 0;
    return qMax<qint64>(kKiB, qRound64(row.amount->value() * row.unit->currentData().toDouble()));
}

void SettingsDialog::chooseFolder()
{
    const QString start = m_folder->text().isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
        : m_folder->text();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Download Folder"), start);
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

TransferSettings SettingsDialog::settings() const
{
    TransferSettings settings;
    settings.filesInFlight = m_files->value();
    settings.uploadBytesPerSecond = rateOf(m_upload);
    settings.downloadBytesPerSecond = rateOf(m_download);
    settings.downloadFolder = m_folder->text().trimmed();
    settings.packSmallFiles = m_pack->isChecked();
    return settings;
}

QAction *SettingsDialog::makeConfigureAction(QWidget *window, TransferService *service)
{
    auto *action = new QAction(QIcon::fromTheme(QStringLiteral("configure")),
                               tr("&Configure fal Files…"), window);
    action->setObjectName(QStringLiteral("configure"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    action->setMenuRole(QAction::PreferencesRole);
    action->setToolTip(tr("Parallel transfers, bandwidth limits, download folder (Ctrl+,)"));
    QObject::connect(action, &QAction::triggered, window, [window, service] {
        auto *dialog = new SettingsDialog(TransferSettings::load(), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::accepted, window, [dialog, service] {
            const TransferSettings settings = dialog->settings();
            settings.save();
            settings.applyTo(service); // running transfers follow within a second
        });
        dialog->open();
    });
    return action;
}
