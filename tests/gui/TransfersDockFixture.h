#pragma once

#include "models/TransferModel.h"
#include "network/transfer/TransferService.h"
#include "tests/support/ClientFixture.h"
#include "ui/transfers/TransfersDock.h"

#include <QAbstractItemModelTester>
#include <QMainWindow>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// What the transfers dock's tests start from: an emulator, a TransferService as the app has it
// (the engine on its own thread, a journal in a temporary folder), and the dock in a shown main
// window; with `withTester`, its model under QAbstractItemModelTester for the whole test.
struct TransfersDockFixture
{
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<TransferService> m_transfers;
    std::unique_ptr<QMainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    TransfersDock *m_dock = nullptr;

    // From init(): a failed check fails the test before it runs.
    void setUp(const QSize &windowSize, bool withTester)
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        m_state = std::make_unique<QTemporaryDir>();
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        settings.retryPolicy = f->client()->retryPolicy();
        settings.journalPath = m_state->filePath(QStringLiteral("j.sqlite"));
        m_transfers = std::make_unique<TransferService>(settings);
        m_window = std::make_unique<QMainWindow>();
        m_dock = new TransfersDock(m_transfers.get(), m_window.get());
        if (withTester)
            m_tester = std::make_unique<QAbstractItemModelTester>(
                m_dock->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
        m_window->setCentralWidget(new QWidget);
        m_window->resize(windowSize);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void tearDown()
    {
        m_tester.reset();
        m_window.reset();
        m_transfers.reset();
        f.reset();
    }
};
