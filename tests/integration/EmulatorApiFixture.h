#pragma once

#include "tests/support/EmulatorTestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// What both halves of the emulator's REST tests (tst_emulator_api_reads, tst_emulator_api_writes)
// start every test from: a fresh emulator whose /data holds models/a.bin, models/sub/b.txt and
// top.txt, and a folder outside it with secret.txt that the symlink /data/escape leads to.
class EmulatorApiFixture
{
protected:
    std::unique_ptr<emutest::Emulator> m_emu;
    std::unique_ptr<httplib::Client> m_client;
    QTemporaryDir m_outside;

    httplib::Client &c() { return *m_client; }
    httplib::Headers auth() const { return emutest::authHeaders(); }

    // From init(): a failed check fails the test before it runs.
    void startEmulator()
    {
        using emutest::writeFile;
        m_emu = std::make_unique<emutest::Emulator>();
        QVERIFY(m_emu->start());
        m_client = m_emu->client();
        QVERIFY(writeFile(m_emu->path("models/a.bin"), "alpha-bytes"));
        QVERIFY(writeFile(m_emu->path("models/sub/b.txt"), "bravo"));
        QVERIFY(writeFile(m_emu->path("top.txt"), "0123456789"));
        QVERIFY(writeFile(m_outside.path() + "/secret.txt", "secret"));
        QVERIFY(QFile::link(m_outside.path(), m_emu->path("escape")));
    }

    void stopEmulator()
    {
        m_client.reset();
        m_emu.reset();
    }
};
