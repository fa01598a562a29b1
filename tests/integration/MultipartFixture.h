#pragma once

#include "tests/support/EmulatorTestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

// What both halves of the multipart tests (tst_emulator_multipart_parts,
// tst_emulator_multipart_sessions) drive the emulator with: a fresh emulator per test, and
// initiate / send parts / complete / restart as fal's SDK does them.

inline constexpr qint64 kMiB = 1024 * 1024;

struct Upload
{
    std::string id;
    std::string base; // /files/file/multipart/{p}/{id}
};

class MultipartFixture
{
protected:
    using Emulator = emutest::Emulator;

    std::unique_ptr<Emulator> m_emu;
    std::unique_ptr<httplib::Client> m_client;

    httplib::Client &c() { return *m_client; }

    Upload initiate(const std::string &path, const QJsonObject &body = {},
                    QJsonObject *answer = nullptr)
    {
        const std::string target = "/files/file/multipart/" + path + "/initiate";
        httplib::Result r = body.isEmpty()
            ? c().Post(target, emutest::authHeaders(), "", "application/json")
            : emutest::postJson(c(), target, body);
        Upload u;
        if (!r || r->status != 200) {
            qWarning() << "initiate failed" << (r ? r->status : -1) << (r ? r->body.c_str() : "");
            return u;
        }
        const QJsonObject o = emutest::json(r).object();
        if (answer)
            *answer = o;
        u.id = o.value("upload_id").toString().toStdString();
        u.base = "/files/file/multipart/" + path + "/" + u.id;
        return u;
    }

    // Sends parts with `threads` connections, highest part numbers first.
    QJsonArray sendParts(const Upload &u, const std::string &data, qint64 chunk, int threads = 10)
    {
        const int count = int((qint64(data.size()) + chunk - 1) / chunk);
        std::atomic<int> next {count};
        std::vector<QJsonObject> results(size_t(count) + 1);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                auto client = m_emu->client();
                for (int n = next--; n >= 1; n = next--) {
                    const std::string part = data.substr(size_t((n - 1) * chunk), size_t(chunk));
                    const auto r
                        = emutest::putPart(*client, u.base + "/" + std::to_string(n), part);
                    if (r && r->status == 200)
                        results[size_t(n)] = emutest::json(r).object();
                }
            });
        }
        for (std::thread &w : workers)
            w.join();
        QJsonArray parts;
        for (int n = 1; n <= count; ++n)
            parts.append(results[size_t(n)]);
        return parts;
    }

    httplib::Result complete(const Upload &u, const QJsonArray &parts)
    {
        return emutest::postJson(c(), u.base + "/complete", {{"parts", parts}});
    }

    void restart(int expiryDays = 7)
    {
        m_client.reset();
        const QString root = m_emu->root();
        auto next = std::make_unique<Emulator>(emutest::FaultOptions(), expiryDays, root);
        m_emu->server().stop();
        QVERIFY(next->start());
        m_keepRoot.push_back(std::move(m_emu)); // its QTemporaryDir owns the root
        m_emu = std::move(next);
        m_client = m_emu->client();
    }

    std::vector<std::unique_ptr<Emulator>> m_keepRoot;

    // From init(): a failed check fails the test before it runs.
    void startEmulator()
    {
        m_emu = std::make_unique<Emulator>();
        QVERIFY(m_emu->start());
        m_client = m_emu->client();
    }

    void stopEmulator()
    {
        m_client.reset();
        m_emu.reset();
        m_keepRoot.clear();
    }
};
