#pragma once

#include "network/api/ApiError.h"
#include "network/api/Job.h"
#include "network/api/RemotePath.h"

#include <QPointer>

class ApiJob;
class FilesClient;

// Puts the file `from` where the file `to` is, so that no failure on the way loses the file that
// was there. The wire has no overwrite for renames (409), and "delete, then rename" would leave
// nothing at `to` if the rename failed. Instead:
//
//   1. stat `to`: it must still be a file (a folder is never replaced; Kind::Conflict);
//   2. rename `to` aside, to a hidden name in the same folder that no listing holds;
//   3. rename `from` onto `to`; if that fails, the aside file is renamed back;
//   4. delete the aside file.
//
// If step 4 fails the move itself succeeded; asideLeft() names the old file for the message.
// Deletes itself after finished(). Cancelled between steps, it stops where it is: a cancel after
// step 2 leaves the old file under the aside name, and asideLeft() says so.
class ReplaceFileJob : public Job
{
    Q_OBJECT
public:
    ReplaceFileJob(FilesClient *client, const RemotePath &from, const RemotePath &to,
                   QObject *parent = nullptr);

    RemotePath from() const { return m_from; }
    RemotePath to() const { return m_to; }
    // Where the replaced file still is when deleting it failed; empty otherwise.
    RemotePath asideLeft() const { return m_asideLeft; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void moveAside(int attempt);
    void moveIn();
    void putBack(const ApiError &why);
    void deleteAside();
    void finish(const ApiError &error);

    FilesClient *m_client;
    RemotePath m_from;
    RemotePath m_to;
    RemotePath m_aside;
    RemotePath m_asideLeft;
    QPointer<ApiJob> m_step; // the request in flight
    bool m_movedAside = false; // the old file is under m_aside until the new one is in place
};
