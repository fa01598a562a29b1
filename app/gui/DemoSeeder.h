#pragma once

#include <QString>

// A small /data for the built-in emulator's first run, so the first screen shows what fal Files
// is for: models (.safetensors and .gguf stand-ins, a folder of checkpoints), datasets, generated
// images and a README. Small files only (a few MB in all); the weights are placeholders.
class DemoSeeder
{
public:
    // Fills `root` if it holds nothing yet. False with a reason when a file cannot be written.
    static bool seed(const QString &root, QString *error = nullptr);
};
