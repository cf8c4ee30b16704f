// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.api;

/** The version all three programs print: the one Maven wrote into the jar's manifest. */
public final class ProductVersion {
    private ProductVersion() {
    }

    public static String get() {
        String fromManifest = ProductVersion.class.getPackage().getImplementationVersion();
        // Classes run from target/classes (IDE, tests) have no manifest.
        return fromManifest != null ? fromManifest : "development build";
    }
}
