// Namespaces page (nsenter-lite ls): every namespace per kind with its processes, the host's (PID 1's) apart
// from the rest, containers highlighted, and the user-namespace ownership tree.
#pragma once

#include "models/namespaces.h"
#include "views/page.h"

namespace explorer {

class NamespacesPage : public Page {
  Q_OBJECT
 public:
  explicit NamespacesPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("namespaces"); }
  QString title() const override { return tr("Namespaces"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override { return documents_; }

 protected:
  void draw(SceneKit& kit) override;

 private:
  QString take(const QJsonObject& doc) override;
  NamespaceListing listing_;
  bool have_ = false;
  QList<QJsonObject> documents_;
};

}  // namespace explorer
