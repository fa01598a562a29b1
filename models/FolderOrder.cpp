#include "models/FolderOrder.h"

#include "models/FileKind.h"
#include "models/NaturalOrder.h"
#include "models/RemoteTreeModel.h"

#include <QHash>
#include <algorithm>
#include <numeric>

FolderOrder::FolderOrder(int column, Qt::SortOrder order, const QString &filter)
    : m_column(column), m_order(order), m_filter(filter.trimmed())
{
    if (m_filter.contains(QLatin1Char('*')) || m_filter.contains(QLatin1Char('?'))) {
        // A pattern is the whole name, as in a shell and in Dolphin: "*.png" leaves out
        // "x.png.bak"; "img*" is what starts with img. (Names hold no '/'.)
        m_pattern = QRegularExpression(QRegularExpression::wildcardToRegularExpression(m_filter),
                                       QRegularExpression::CaseInsensitiveOption);
    }
}

bool FolderOrder::sortsBySize() const
{
    return m_column == RemoteTreeModel::SizeColumn;
}

bool FolderOrder::sortsByTime() const
{
    return m_column == RemoteTreeModel::ModifiedColumn;
}

bool FolderOrder::accepts(const QString &name) const
{
    if (m_filter.isEmpty())
        return true;
    if (m_pattern.isValid() && !m_pattern.pattern().isEmpty())
        return m_pattern.match(name).hasMatch();
    return name.contains(m_filter, Qt::CaseInsensitive);
}

int FolderOrder::compareColumn(const Key &a, const Key &b) const
{
    switch (m_column) {
    case RemoteTreeModel::SizeColumn:
    case RemoteTreeModel::ModifiedColumn:
        return a.number == b.number ? 0 : (a.number < b.number ? -1 : 1);
    case RemoteTreeModel::TypeColumn: {
        // By the text the column shows ("GGUF model", "PNG image"), as people read it.
        if (a.dir && b.dir)
            return 0;
        const QString typeA = FileKind::typeName(a.name, a.dir);
        const QString typeB = FileKind::typeName(b.name, b.dir);
        return typeA == typeB ? 0 : QString::localeAwareCompare(typeA, typeB);
    }
    default:
        return 0; // the name decides below
    }
}

bool FolderOrder::before(const Key &a, const Key &b) const
{
    if (a.dir != b.dir)
        return a.dir; // folders first, whichever the direction
    int result = compareColumn(a, b);
    if (result == 0)
        result = NaturalOrder::compare(a.name, b.name);
    return m_order == Qt::AscendingOrder ? result < 0 : result > 0;
}

bool FolderOrder::beforeRanked(const Key &a, const Key &b, int rankA, int rankB) const
{
    if (a.dir != b.dir)
        return a.dir;
    int result = rankA == rankB ? 0 : (rankA < rankB ? -1 : 1);
    if (result == 0)
        result = NaturalOrder::compare(a.name, b.name);
    return m_order == Qt::AscendingOrder ? result < 0 : result > 0;
}

std::vector<int> FolderOrder::arrange(std::vector<Key> &keys) const
{
    std::vector<int> rows;
    rows.reserve(keys.size());
    for (int i = 0; i < int(keys.size()); ++i) {
        if (accepts(keys[size_t(i)].name))
            rows.push_back(i);
    }
    if (m_column == RemoteTreeModel::TypeColumn) {
        // One text per extension, not one per row (a folder of 100,000 PNGs builds one), and
        // the texts ranked once, so the n log n comparisons compare numbers.
        QHash<QString, int> textOfExtension;
        QStringList texts;
        std::vector<int> textOf(keys.size(), -1);
        for (const int row : rows) {
            const Key &key = keys[size_t(row)];
            if (key.dir)
                continue; // folders compare by name alone
            const QString extension = FileKind::extension(key.name);
            auto it = textOfExtension.find(extension);
            if (it == textOfExtension.end()) {
                texts.append(FileKind::typeName(key.name, false));
                it = textOfExtension.insert(extension, int(texts.size()) - 1);
            }
            textOf[size_t(row)] = *it;
        }
        std::vector<int> byText(size_t(texts.size()));
        std::iota(byText.begin(), byText.end(), 0);
        std::sort(byText.begin(), byText.end(), [&](int a, int b) {
            return texts.at(a) != texts.at(b)
                && QString::localeAwareCompare(texts.at(a), texts.at(b)) < 0;
        });
        std::vector<int> rankOfText(byText.size(), 0);
        for (size_t i = 1; i < byText.size(); ++i) {
            const bool same = texts.at(byText[i]) == texts.at(byText[i - 1])
                || QString::localeAwareCompare(texts.at(byText[i]), texts.at(byText[i - 1])) == 0;
            rankOfText[size_t(byText[i])] = rankOfText[size_t(byText[i - 1])] + (same ? 0 : 1);
        }
        std::vector<int> rank(keys.size(), 0);
        for (const int row : rows)
            rank[size_t(row)]
                = textOf[size_t(row)] < 0 ? 0 : rankOfText[size_t(textOf[size_t(row)])];
        const auto less = [&](int a, int b) {
            return beforeRanked(keys[size_t(a)], keys[size_t(b)], rank[size_t(a)], rank[size_t(b)]);
        };
        if (!std::is_sorted(rows.begin(), rows.end(), less))
            std::sort(rows.begin(), rows.end(), less);
        return rows;
    }
    const auto less = [&](int a, int b) { return before(keys[size_t(a)], keys[size_t(b)]); };
    // Rows often arrive in this order already (listings are sorted by it as they come).
    if (!std::is_sorted(rows.begin(), rows.end(), less))
        std::sort(rows.begin(), rows.end(), less);
    return rows;
}
