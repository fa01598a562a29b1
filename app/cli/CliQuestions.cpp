#include "app/cli/CliQuestions.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QTextStream>

#include <cstdio>

CliQuestions::CliQuestions(bool interactive) : m_interactive(interactive) { }

void CliQuestions::askConflict(const TransferItem &item, qint64 existingSize,
                               ConflictCallback answer)
{
    const QString where = VisibleText::escaped(item.direction == TransferItem::Direction::Download
                                                   ? item.localPath
                                                   : item.remotePath.absolute());
    if (!m_interactive) {
        m_unanswered << where;
        answer({ConflictPolicy::Skip, false});
        return;
    }
    QTextStream err(stderr);
    QTextStream in(stdin);
    const QString size = existingSize >= 0
        ? QStringLiteral(" (%1)").arg(TextFormat::size(existingSize))
        : QString();
    for (;;) {
        err << "\n"
            << where << " already exists" << size << ".\n"
            << "  [o]verwrite, [s]kip, [k]eep both; capital letter = the same for all: "
            << Qt::flush;
        const QString line = in.readLine().trimmed();
        if (line.isNull()) { // end of input: nobody to ask
            m_unanswered << where;
            answer({ConflictPolicy::Skip, false});
            return;
        }
        if (line.isEmpty())
            continue;
        const QChar c = line.at(0);
        const bool all = c.isUpper();
        switch (c.toLower().unicode()) {
        case 'o':
            answer({ConflictPolicy::Overwrite, all});
            return;
        case 's':
            answer({ConflictPolicy::Skip, all});
            return;
        case 'k':
            answer({ConflictPolicy::KeepBoth, all});
            return;
        default:
            break;
        }
    }
}
