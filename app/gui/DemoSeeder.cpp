#include "app/gui/DemoSeeder.h"

#include <QBuffer>
#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QRandomGenerator>

namespace {

bool write(const QString &path, const QByteArray &bytes, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// Bytes that start like the real format (a safetensors header, the GGUF magic) and then fill
// up to `size` with noise, so the sizes look like something and no tool mistakes them for text.
QByteArray standIn(const QByteArray &head, qint64 size, quint32 seed)
{
    QByteArray bytes = head;
    bytes.resize(qMax<qint64>(size, head.size()));
    QRandomGenerator random(seed);
    for (qsizetype i = head.size(); i < bytes.size(); ++i)
        bytes[i] = char(random.bounded(256));
    return bytes;
}

QByteArray safetensorsHead()
{
    const QByteArray header
        = R"({"__metadata__":{"format":"pt","note":"fal Files demo stand-in, not a model"}})";
    QByteArray head(8, '\0');
    const quint64 length = quint64(header.size());
    for (int i = 0; i < 8; ++i)
        head[i] = char((length >> (8 * i)) & 0xff);
    return head + header;
}

QByteArray png(int index)
{
    // A soft gradient per image: outputs that look like outputs in the details view's icons.
    static const QColor palette[][2] = {{QColor(0x1d, 0x99, 0xf3), QColor(0x9b, 0x59, 0xb6)},
                                        {QColor(0xf6, 0x74, 0x00), QColor(0xda, 0x44, 0x53)},
                                        {QColor(0x27, 0xae, 0x60), QColor(0x16, 0xa0, 0x85)},
                                        {QColor(0xfd, 0xbc, 0x4b), QColor(0xf6, 0x74, 0x00)}};
    QImage image(512, 512, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, 512, 512);
    gradient.setColorAt(0, palette[index % 4][0]);
    gradient.setColorAt(1, palette[index % 4][1]);
    painter.fillRect(image.rect(), gradient);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

bool DemoSeeder::seed(const QString &root, QString *error)
{
    QDir dir(root);
    if (!dir.exists() && !QDir().mkpath(root)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(root);
        return false;
    }
    if (!dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty())
        return true; // not the first run: the person's changes stay

    const QByteArray readme
        = "This is fal Files' built-in emulator: a local stand-in for fal's /data storage,\n"
          "kept in this folder on your computer. Nothing here is on fal's servers.\n\n"
          "Sign in (File > Sign In...) with a fal API key to see your own /data.\n"
          "The files under models/ are placeholders with the right names, not real weights.\n";
    struct Entry
    {
        const char *path;
        QByteArray bytes;
    };
    const QList<Entry> entries = {
        {"README.txt", readme},
        {"models/flux-dev-lora-watercolor.safetensors", standIn(safetensorsHead(), 1'572'864, 1)},
        {"models/sdxl-vae-fp16.safetensors", standIn(safetensorsHead(), 983'040, 2)},
        {"models/llama-3.2-1b-instruct-q4_k_m.gguf", standIn("GGUF\x03\0\0\0", 2'097'152, 3)},
        {"models/checkpoints/step-01000.ckpt", standIn("PK", 409'600, 4)},
        {"models/checkpoints/step-02000.ckpt", standIn("PK", 409'600, 5)},
        {"models/checkpoints/step-10000.ckpt", standIn("PK", 409'600, 6)},
        {"models/config.json",
         R"({"base_model": "black-forest-labs/FLUX.1-dev", "rank": 16, "alpha": 16})"},
        {"datasets/captions.jsonl",
         R"({"file": "0001.png", "caption": "a watercolor fox in the snow"})"
         "\n"
         R"({"file": "0002.png", "caption": "a lighthouse at dusk, watercolor"})"
         "\n"},
        {"datasets/train-00000-of-00002.parquet", standIn("PAR1", 262'144, 7)},
        {"datasets/train-00001-of-00002.parquet", standIn("PAR1", 245'760, 8)},
        {"datasets/raw-images.tar.gz", standIn("\x1f\x8b\x08", 524'288, 9)},
        {"outputs/fox-watercolor-0001.png", png(0)},
        {"outputs/fox-watercolor-0002.png", png(1)},
        {"outputs/lighthouse-dusk-0001.png", png(2)},
        {"outputs/lighthouse-dusk-0002.png", png(3)},
    };
    for (const Entry &entry : entries) {
        if (!write(dir.filePath(QString::fromLatin1(entry.path)), entry.bytes, error))
            return false;
    }
    dir.mkpath(QStringLiteral("outputs/upscaled")); // an empty folder, as people have them
    return true;
}
