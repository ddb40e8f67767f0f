// Export a page's scene: PNG at a chosen size (scene->render onto a QImage) or SVG (QSvgGenerator).
#pragma once

#include <QGraphicsScene>
#include <QImage>
#include <QSize>
#include <QString>

namespace virtlab::explorer {

// Renders the whole scene into an image of `size`, keeping the aspect ratio, on white.
QImage renderScene(QGraphicsScene* scene, const QSize& size);
// Writes PNG or SVG depending on the file's suffix (".svg" → SVG, anything else → PNG).
bool exportScene(QGraphicsScene* scene, const QString& path, const QSize& size, QString* error);
// How many distinct colours a picture holds — a blank or single-colour render has 1.
int distinctColors(const QImage& image, int limit = 64);

}  // namespace virtlab::explorer
