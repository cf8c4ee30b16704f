// SPDX-License-Identifier: Apache-2.0
package io.github.lgmanager.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Markup that is easy to split wrongly: the tree must render back the same bytes and mean the same. */
class RawXmlParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<domain type='kvm'><description a='x > y' b=\"/>\">1 &lt; 2 &amp;&amp; 3 &gt; 2</description></domain>",
        "<domain type='kvm'><!-- <devices> is not here --><name>a</name><!----></domain>",
        "<domain type='kvm'><description><![CDATA[<shmem name='x'/> ]]>]]&gt;</description></domain>",
        "<domain type='kvm'><?lgm keep this?><name>a</name></domain>",
        "<domain type='kvm'><name>&#x41;&#66;&apos;&quot;</name><title a='&#10;&#9;'/></domain>",
        "<domain\n\ttype = 'kvm'\n><name\n>a</name\n><devices ></devices   ></domain   >",
        "<domain type='kvm' xmlns:a='urn:a'><metadata><a:x a:y='1' xmlns:b='urn:b' b:z='2'/></metadata></domain>",
        "<domain type='kvm'><metadata><x xmlns='urn:x'><y/></x></metadata><name>a</name></domain>",
        "<domain type='kvm'><empty></empty><self/><ws> </ws></domain>",
        "<?xml version='1.0'?>\n<!-- a -->\n<?pi x?>\n<domain type='kvm'/>\n\n<!-- b -->\n",
        "<domain type='kvm'><title>Gr\u00fc\u00dfe \ud83d\ude00 \u2003 </title></domain>"
    })
    void rendersTheSameBytesAndTheSameStructure(String xml) throws Exception {
        DomainDocument doc = DomainDocument.parse(xml);
        assertEquals(xml, doc.render());
        assertEquals(CanonicalXml.of(xml), TreeCanonical.of(doc.root));
    }
}
