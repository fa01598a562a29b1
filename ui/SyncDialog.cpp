#include "ui/SyncDialog.h"

#include "network/sync/SyncPlanner.h"
#include "network/sync/SyncStateStore.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

QString SyncDialog::planHint()
{
    return tr("The plan shows what will be added, replaced and deleted before anything happens.");
}

SyncDialog::SyncDialog(FilesClient *client, const QString &journalPath, const SyncOptions &preset,
                       QWidget *parent)
    : QDialog(parent), m_client(client), m_journalPath(journalPath), m_preset(preset)
{
    setWindowTitle(tr("Sync Folder"));
    setObjectName(QStringLiteral("SyncDialog"));
    m_direction = new QComboBox(this);
    m_direction->addItem(tr("From the local folder to /data"));
    m_direction->addItem(tr("From /data to the local folder"));
    m_local = new QLineEdit(this);
    m_local->setPlaceholderText(tr("A folder on this computer"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *localRow = new QHBoxLayout;
    localRow->addWidget(m_local, 1);
    localRow->addWidget(browse);
    m_remote = new QLineEdit(this);
    m_delete
        = new QCheckBox(tr("&Delete from the destination what the source no longer has"), this);
    m_checksum = new QCheckBox(tr("Compare &checksums even when sizes and times agree"), this);
    m_excludes = new QLineEdit(this);
    m_excludes->setPlaceholderText(tr("*.tmp build/ (as in .gitignore, separated by spaces)"));
    m_excludes->setToolTip(tr("Besides the folder's own .gitignore and .falignore"));

    auto *form = new QFormLayout;
    form->addRow(tr("D&irection:"), m_direction);
    auto *localLabel = new QLabel(tr("&Local folder:"), this);
    localLabel->setBuddy(m_local); // a row of a layout has no buddy of its own
    form->addRow(localLabel, localRow);
    form->addRow(tr("/&data folder:"), m_remote);
    form->addRow(tr("&Exclude:"), m_excludes);
    form->addRow(QString(), m_delete);
    form->addRow(QString(), m_checksum);

    m_planButton = new QPushButton(tr("Show &Plan"), this);
    m_summary = new QLabel(planHint(), this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("SyncPlanList"));
    m_list->setHeaderLabels({tr("Action"), tr("Path"), tr("Size")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_sync = m_buttons->addButton(tr("&Sync"), QDialogButtonBox::AcceptRole);
    m_sync->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_planButton, 0, Qt::AlignLeft);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    resize(640, 520);

    setOptions(preset);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Local Folder"), m_local->text());
        if (!dir.isEmpty())
            m_local->setText(QDir::toNativeSeparators(dir));
    });
    for (QLineEdit *edit : {m_local, m_remote, m_excludes})
        connect(edit, &QLineEdit::textEdited, this, &SyncDialog::optionsChanged);
    for (QCheckBox *box : {m_delete, m_checksum})
        connect(box, &QCheckBox::toggled, this, &SyncDialog::optionsChanged);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &SyncDialog::optionsChanged);
    connect(m_planButton, &QPushButton::clicked, this, &SyncDialog::startPlanning);
    // Tab goes down the form as it is drawn (the fields were made in another order).
    setTabOrder(m_remote, m_excludes);
    setTabOrder(m_excludes, m_delete);
    setTabOrder(m_delete, m_checksum);
    setTabOrder(m_checksum, m_planButton);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_sync, &QPushButton::clicked, this, &SyncDialog::confirmAndRun);
}

SyncDialog::~SyncDialog() = default;

SyncOptions SyncDialog::options() const
{
    SyncOptions options = m_preset;
    options.direction = m_direction->currentIndex() == 0 ? SyncOptions::Direction::Upload
                                                         : SyncOptions::Direction::Download;
    // "~" is the home folder, as in a shell. A relative path is kept as written and refused by
    // startPlanning(): against the app's working folder, "." could mean anything (a sync with
    // --delete planned on the source tree the app was started from).
    QString local = m_local->text().trimmed();
    if (local == QLatin1String("~") || local.startsWith(QLatin1String("~/")))
        local = QDir::homePath() + local.mid(1);
    options.localRoot = local.isEmpty() ? QString()
        : QDir::isAbsolutePath(local)   ? QDir::cleanPath(QDir::fromNativeSeparators(local))
                                        : local;
    if (const auto remote = RemotePath::parse(m_remote->text().trimmed()))
        options.remoteRoot = *remote;
    options.deleteExtra = m_delete->isChecked();
    options.checksum = m_checksum->isChecked();
    options.excludes = m_excludes->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return options;
}

void SyncDialog::setOptions(const SyncOptions &options)
{
    m_direction->setCurrentIndex(options.direction == SyncOptions::Direction::Upload ? 0 : 1);
    m_local->setText(QDir::toNativeSeparators(options.localRoot));
    m_remote->setText(options.remoteRoot.absolute());
    m_delete->setChecked(options.deleteExtra);
    m_checksum->setChecked(options.checksum);
    m_excludes->setText(options.excludes.join(QLatin1Char(' ')));
    optionsChanged();
}

void SyncDialog::optionsChanged()
{
    // A plan shown is the plan of the fields as they were: another field, another plan.
    if (m_planner)
        m_planner->cancel(SyncPlanner::CancelMode::Quietly);
    m_planned = false;
    m_sync->setEnabled(false);
    m_list->clear();
    m_planButton->setEnabled(true);
    m_summary->setText(planHint());
}

void SyncDialog::startPlanning()
{
    optionsChanged();
    const SyncOptions wanted = options();
    QString why;
    if (wanted.localRoot.isEmpty())
        why = tr("Choose a local folder.");
    else if (QDir::isRelativePath(wanted.localRoot))
        why = tr("Give the local folder as a full path (such as %1/%2), or choose it with "
                 "Browse.")
                  .arg(QDir::toNativeSeparators(QDir::homePath()), wanted.localRoot);
    else if (!RemotePath::parse(m_remote->text().trimmed(), &why))
        why = tr("The /data folder: %1").arg(why);
    else if (wanted.direction == SyncOptions::Direction::Upload
             && !QFileInfo(wanted.localRoot).isDir())
        why = tr("%1 is not a folder.").arg(wanted.localRoot);
    if (!why.isEmpty()) {
        m_summary->setText(why);
        return;
    }
    if (!m_store) {
        m_store = std::make_unique<SyncStateStore>(m_journalPath);
        if (!m_store->open(&why)) {
            m_store.reset();
            m_summary->setText(why);
            return;
        }
    }
    m_summary->setText(tr("Comparing the two folders…"));
    m_planButton->setEnabled(false);
    m_planner = new SyncPlanner(m_client, m_store.get(), wanted, this);
    connect(m_planner, &SyncPlanner::finished, this, [this, planner = m_planner.data()] {
        planner->deleteLater();
        m_planButton->setEnabled(true);
        if (!planner->succeeded()) {
            m_summary->setText(tr("Cannot compare the folders: %1")
                                   .arg(VisibleText::escaped(planner->error().message())));
            return;
        }
        m_plan = planner->plan();
        showPlan();
    });
    m_planner->start();
}

void SyncDialog::showPlan()
{
    m_planned = true;
    m_list->clear();
    QList<QTreeWidgetItem *> rows;
    for (const SyncPlanEntry &entry : std::as_const(m_plan.entries)) {
        const QString action = entry.action == SyncPlanEntry::Action::Delete ? tr("Delete")
            : entry.action == SyncPlanEntry::Action::Replace                 ? tr("Replace")
            : entry.action == SyncPlanEntry::Action::Upload                  ? tr("Upload")
                                                                             : tr("Download");
        auto *row = new QTreeWidgetItem(
            {action,
             VisibleText::escaped(entry.path) + (entry.isDir ? QStringLiteral("/") : QString()),
             TextFormat::size(entry.size)});
        row->setToolTip(1, entry.reason);
        row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        rows << row;
    }
    m_list->addTopLevelItems(rows);
    // Where from and where to, in full: the folder typed may have been short.
    const QString local = VisibleText::escaped(QDir::toNativeSeparators(m_plan.options.localRoot));
    const QString remote = VisibleText::escaped(m_plan.options.remoteRoot.absolute());
    QString text = m_plan.isUpload() ? tr("From %1 to %2:").arg(local, remote)
                                     : tr("From %1 to %2:").arg(remote, local);
    QString summary = m_plan.summary();
    summary[0] = summary.at(0).toUpper();
    text += u' ' + summary + QStringLiteral(". ")
        + (m_plan.isUpload() ? tr("%1 to send.") : tr("%1 to download."))
              .arg(TextFormat::size(m_plan.bytesToSend()));
    for (const QString &note : std::as_const(m_plan.notes))
        text += u'\n' + note;
    m_summary->setText(text);
    // An empty plan can still run: an upload then checks the folder's .fal_hash.
    m_sync->setEnabled(true);
    Q_EMIT planReady();
}

void SyncDialog::confirmAndRun()
{
    if (!m_planned)
        return;
    const int deletes = m_plan.count(SyncPlanEntry::Action::Delete);
    if (deletes > 0) {
        const QString where
            = m_plan.isUpload() ? m_plan.options.remoteRoot.absolute() : m_plan.options.localRoot;
        const QString question
            = (m_plan.isUpload() ? tr("Delete %1 (%2) from %3? They are not in the source.")
                                 : tr("Move %1 (%2) from %3 to the trash? They are not in the "
                                      "source."))
                  .arg(TextFormat::items(deletes),
                       TextFormat::size(m_plan.bytes(SyncPlanEntry::Action::Delete)),
                       VisibleText::escaped(where));
        const bool yes = m_confirmDeletes
            ? m_confirmDeletes(question)
            : QMessageBox::question(this, tr("Delete in %1").arg(VisibleText::escaped(where)),
                                    question, QMessageBox::Yes | QMessageBox::Cancel,
                                    QMessageBox::Cancel)
                == QMessageBox::Yes;
        if (!yes)
            return;
    }
    Q_EMIT runSync(m_plan);
    accept();
}
