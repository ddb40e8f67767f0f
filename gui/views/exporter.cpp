#include "views/exporter.h"

#include <QFileInfo>
#include <QPainter>
#include <QSet>
#include <QSvgGenerator>

namespace virtlab::explorer {

QImage renderScene(QGraphicsScene* scene, const QSize& size) {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
  scene->render(&painter, QRectF(QPointF(0, 0), size), scene->sceneRect(), Qt::KeepAspectRatio);
  painter.end();
  return image;
}

bool exportScene(QGraphicsScene* scene, const QString& path, const QSize& size, QString* error) {
  if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(QStringLiteral("virtlab explorer"));
    QPainter painter;
    if (!painter.begin(&svg)) {
      if (error) *error = QStringLiteral("cannot write %1").arg(path);
      return false;
    }
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    scene->render(&painter, QRectF(QPointF(0, 0), size), scene->sceneRect(), Qt::KeepAspectRatio);
    painter.end();
    return true;
  }
  const QImage image = renderScene(scene, size);
  if (!image.save(path, "PNG")) {
    if (error) *error = QStringLiteral("cannot write %1 (is the directory writable?)").arg(path);
    return false;
  }
  return true;
}

int distinctColors(const QImage& image, int limit) {
  QSet<QRgb> seen;
  const int step = qMax(1, image.width() / 400);
  for (int y = 0; y < image.height(); y += step) {
    for (int x = 0; x < image.width(); x += step) {
      seen.insert(image.pixel(x, y));
      if (seen.size() >= limit) return static_cast<int>(seen.size());
    }
  }
  return static_cast<int>(seen.size());
}

}  // namespace virtlab::explorer
