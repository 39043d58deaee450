package org.enterprisebrain.registry.components;

import org.enterprisebrain.registry.api.model.Component;

/** Published by the component store after it registered a component's version (acted on after commit). */
public record ComponentCreated(Component component) {
}
