package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import java.util.Map;
import java.util.Optional;

/** The binding Secret {@code <app>-s3} (type {@code servicebinding.io/s3}): the app reads its keys from here. */
public class ObjectStorageBindingDependent extends BindingSecretDependent {

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.objectStorage(app);
  }

  @Override
  AppLabels.Component component() {
    return AppLabels.Component.OBJECT_STORAGE;
  }

  @Override
  String bindingType() {
    return BindingValues.S3_TYPE;
  }

  @Override
  Optional<Map<String, String>> values(Backends backends) {
    return backends.objectStorage().map(BindingValues::objectStorage);
  }
}
