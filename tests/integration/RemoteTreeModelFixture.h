#pragma once

#include "models/RemoteTreeModel.h"
#include "tests/support/ClientFixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <memory>

// What both halves of the RemoteTreeModel tests (tst_remotetreemodel_listing,
// tst_remotetreemodel_edits) work with: a fresh in-process emulator and a model over it per test,
// watched by QAbstractItemModelTester, and files put straight into the emulator's /data.
class RemoteTreeModelFixture
{
protected:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<RemoteTreeModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;

    void put(const QString &relative, const QByteArray &bytes = "x")
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }

    // Lists (or lists again) a folder and waits until every row of the answer is in.
    bool list(const QModelIndex &folder)
    {
        QSignalSpy loaded(model.get(), &RemoteTreeModel::folderLoaded);
        QSignalSpy failed(model.get(), &RemoteTreeModel::folderFailed);
        const RemotePath path = model->pathForIndex(folder);
        if (model->canFetchMore(folder))
            model->fetchMore(folder);
        else
            model->refresh(folder);
        auto done = [&] {
            for (const auto &args : loaded)
                if (args.at(0).value<RemotePath>() == path)
                    return true;
            return !failed.isEmpty();
        };
        if (!QTest::qWaitFor(done, 20'000))
            return false;
        return failed.isEmpty();
    }
    QStringList names(const QAbstractItemModel *m, const QModelIndex &parent) const
    {
        QStringList out;
        for (int row = 0; row < m->rowCount(parent); ++row)
            out << m->index(row, 0, parent).data(Qt::EditRole).toString();
        return out;
    }
    QStringList sortedNames(const QModelIndex &parent) const
    {
        QStringList out = names(model.get(), parent);
        out.sort();
        return out;
    }

    // From init(): a failed check fails the test before it runs.
    void setUp()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        model = std::make_unique<RemoteTreeModel>(f->client());
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void tearDown()
    {
        tester.reset();
        model.reset();
        f.reset();
    }
};
