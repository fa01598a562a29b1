#include "ui/browse/LocationCompleter.h"

#include "models/RemoteTreeModel.h"

#include <QAbstractItemView>
#include <QLineEdit>
#include <QStringListModel>

LocationCompleter::LocationCompleter(RemoteTreeModel *model, QLineEdit *edit)
    : QCompleter(edit), m_tree(model), m_edit(edit), m_choices(new QStringListModel(this))
{
    setObjectName(QStringLiteral("LocationCompleter"));
    setModel(m_choices);
    setCaseSensitivity(Qt::CaseInsensitive);
    setCompletionMode(QCompleter::PopupCompletion);
    setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    edit->setCompleter(this);
    connect(edit, &QLineEdit::textEdited, this, &LocationCompleter::refreshChoices);
    connect(model, &RemoteTreeModel::folderLoaded, this, &LocationCompleter::onFolderListed);
}

std::optional<LocationCompleter::Context> LocationCompleter::contextFor(const QString &text)
{
    const QString typed = text.trimmed();
    const qsizetype slash = typed.lastIndexOf(QLatin1Char('/'));
    // "/data/models/su": the folder is /data/models; "mo" (relative): /data itself.
    const QString folderText = slash < 0 ? QString() : typed.left(slash);
    std::optional<RemotePath> folder;
    if (folderText.isEmpty() && !typed.startsWith(QLatin1Char('/')))
        folder = RemotePath(); // relative, first level
    else if (folderText.isEmpty())
        return std::nullopt; // "/da": /data itself is the only choice, and no folder's child
    else
        folder = RemotePath::parse(folderText);
    if (!folder)
        return std::nullopt;
    QString prefix = slash < 0 ? QString() : typed.left(slash + 1);
    return Context {*folder, prefix};
}

void LocationCompleter::refreshChoices(const QString &text)
{
    const std::optional<Context> context = contextFor(text);
    const QString typed = text.trimmed();
    QStringList choices;
    if (typed.startsWith(QLatin1Char('/')) && typed.count(QLatin1Char('/')) == 1)
        choices << QStringLiteral("/data");
    m_waitingFor.reset();
    if (context) {
        const QModelIndex folder = m_tree->indexForPath(context->folder);
        if (folder.isValid() && folder.data(RemoteTreeModel::ListedRole).toBool()) {
            for (int row = 0; row < m_tree->rowCount(folder); ++row) {
                const QModelIndex child = m_tree->index(row, 0, folder);
                if (child.data(RemoteTreeModel::IsDirRole).toBool())
                    choices << context->prefix + child.data(Qt::EditRole).toString();
            }
        } else if (folder.isValid()) {
            // Listed on demand: the choices come with folderLoaded. A folder whose parent is
            // not listed either is left alone (revealPath would replace a navigation under
            // way); typing the path down lists one level after another.
            m_waitingFor = context->folder;
            if (m_tree->canFetchMore(folder))
                m_tree->fetchMore(folder);
        }
    }
    // Sorted, as setModelSorting() promised the completer (it searches them by halves).
    choices.sort(Qt::CaseInsensitive);
    if (choices == m_choices->stringList())
        return; // QLineEdit has already filtered and shown these
    m_choices->setStringList(choices);
    // QLineEdit asked the completer before this ran, with the choices of the last folder.
    setCompletionPrefix(text);
    if (!choices.isEmpty() && isTyping())
        complete();
}

bool LocationCompleter::isTyping() const
{
    // While the popup is open the application's focus widget may be the popup itself.
    return m_edit->isVisible() && (m_edit->hasFocus() || popup()->isVisible());
}

void LocationCompleter::onFolderListed(const RemotePath &folder)
{
    if (!m_waitingFor || *m_waitingFor != folder || !isTyping())
        return;
    refreshChoices(m_edit->text());
    setCompletionPrefix(m_edit->text());
    complete();
}
