#pragma once

#include "network/api/RemotePath.h"

#include <QCompleter>

class QLineEdit;
class QStringListModel;
class RemoteTreeModel;

// Completes folder names in the location bar's text field, as Dolphin's does: the choices are
// the folders the model knows inside the folder being typed ("/data/mo" offers /data/models),
// written the way the person started (absolute "/data/…" or relative to /data). A folder the
// model has not listed yet is listed on demand, and the choices appear when its rows arrive.
class LocationCompleter : public QCompleter
{
    Q_OBJECT
public:
    LocationCompleter(RemoteTreeModel *model, QLineEdit *edit);

    // The folder whose subfolders are offered for `text`, and how they are written ("/data/x/"
    // or "x/" before each name). Nothing when the text is not below /data.
    struct Context
    {
        RemotePath folder;
        QString prefix;
    };
    static std::optional<Context> contextFor(const QString &text);

private:
    void refreshChoices(const QString &text);
    void onFolderListed(const RemotePath &folder);
    bool isTyping() const;

    RemoteTreeModel *m_tree;
    QLineEdit *m_edit;
    QStringListModel *m_choices;
    std::optional<RemotePath> m_waitingFor; // asked to be listed for the text being typed
};
