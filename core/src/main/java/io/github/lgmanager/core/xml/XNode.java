// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

/**
 * A node of the source-preserving tree: it renders back exactly the characters it was parsed from,
 * so an untouched part of a user's domain XML comes out byte for byte.
 */
abstract sealed class XNode permits XElement, XText, XMarkup {

    XElement parent;

    abstract void render(StringBuilder out);

    final String render() {
        StringBuilder b = new StringBuilder();
        render(b);
        return b.toString();
    }
}
