#pragma once

#include <QString>

// Who works on a journal's items, in a form the operating system cleans up. Each open journal
// holds an exclusive flock(2) on a file of its own in "<journal>.owners/", named by a random
// token, and writes that token into the items it claims. An owner is alive exactly while its
// lock is held: the kernel drops the lock when the process ends, however it ends (a crash,
// kill -9, a zombie not yet reaped), so a dead owner is never mistaken for a live one and a
// reused pid proves nothing (a pid check, kill(pid, 0), gets both wrong).
class JournalOwnerLock
{
public:
    explicit JournalOwnerLock(const QString &journalPath);
    ~JournalOwnerLock(); // lets go and removes its file
    JournalOwnerLock(const JournalOwnerLock &) = delete;
    JournalOwnerLock &operator=(const JournalOwnerLock &) = delete;

    bool acquire(QString *error = nullptr);
    QString token() const { return m_token; } // empty until acquired
    // Whether the owner `token` still runs (ours does). A dead owner's file goes on the way.
    bool isAlive(const QString &token) const;

private:
    QString fileFor(const QString &token) const;

    QString m_folder;
    QString m_token;
    int m_fd = -1;
};
