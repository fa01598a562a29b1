#pragma once

#include "network/sync/SyncPlan.h"

#include <QDialog>
#include <QPointer>
#include <functional>
#include <memory>

class FilesClient;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class SyncPlanner;
class SyncStateStore;

// "Sync Folder…": which folders and how, then the plan (what will be added, replaced, deleted,
// and the bytes) before anything happens. Sync is offered once a plan is shown; deletes are
// asked about once more. The dialog only plans: runSync() hands the plan to whoever runs it
// (SyncController).
class SyncDialog : public QDialog
{
    Q_OBJECT
public:
    SyncDialog(FilesClient *client, const QString &journalPath, const SyncOptions &preset,
               QWidget *parent = nullptr);
    ~SyncDialog() override;

    SyncOptions options() const; // as the fields say now
    void setOptions(const SyncOptions &options);
    void startPlanning();
    bool hasPlan() const { return m_planned; }
    const SyncPlan &plan() const { return m_plan; }

    // The question before deletes: true goes on. QMessageBox unless a test sets another.
    void setConfirmDeletes(std::function<bool(const QString &question)> confirm)
    {
        m_confirmDeletes = std::move(confirm);
    }

    QTreeWidget *planList() const { return m_list; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *syncButton() const { return m_sync; }
    QPushButton *planButton() const { return m_planButton; }

Q_SIGNALS:
    void planReady();
    void runSync(const SyncPlan &plan);

private:
    static QString planHint();
    void optionsChanged();
    void showPlan();
    void confirmAndRun();

    FilesClient *m_client;
    QString m_journalPath;
    SyncOptions m_preset;
    std::unique_ptr<SyncStateStore> m_store;
    QPointer<SyncPlanner> m_planner;
    SyncPlan m_plan;
    bool m_planned = false;
    std::function<bool(const QString &)> m_confirmDeletes;

    QComboBox *m_direction;
    QLineEdit *m_local;
    QLineEdit *m_remote;
    QCheckBox *m_delete;
    QCheckBox *m_checksum;
    QLineEdit *m_excludes;
    QPushButton *m_planButton;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QPushButton *m_sync;
    QDialogButtonBox *m_buttons;
};
