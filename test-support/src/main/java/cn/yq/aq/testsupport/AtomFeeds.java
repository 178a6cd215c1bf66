package cn.yq.aq.testsupport;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an Atom feed with the JDK's namespace-aware XML parser and checks what RFC 4287 requires of it: the root
 * {@code atom:feed}; on the feed and on every entry exactly one {@code atom:id} (an absolute IRI), one
 * {@code atom:title} and one {@code atom:updated} (an RFC 3339 date-time); an {@code atom:author} on the feed or on
 * every entry; every {@code atom:link} with an {@code href}. Anything else throws {@link IllegalArgumentException}
 * naming what is wrong.
 */
public final class AtomFeeds {

    public static final String NS = "http://www.w3.org/2005/Atom";

    /** An entry as read. */
    public record Entry(String id, String title, OffsetDateTime updated, String summary) {
    }

    /** A valid feed as read. */
    public record Feed(String id, String title, OffsetDateTime updated, List<Entry> entries) {
    }

    private AtomFeeds() {
    }

    public static Feed parse(String xml) {
        Element feed;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            feed = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
        if (!NS.equals(feed.getNamespaceURI()) || !"feed".equals(feed.getLocalName())) {
            throw new IllegalArgumentException("the root is not atom:feed but {" + feed.getNamespaceURI() + "}" + feed.getLocalName());
        }
        boolean feedAuthor = !children(feed, "author").isEmpty();
        checkLinks(feed, "feed");
        List<Entry> entries = new ArrayList<>();
        for (Element e : children(feed, "entry")) {
            String id = iri(one(e, "id", "entry"));
            if (!feedAuthor && children(e, "author").isEmpty()) {
                throw new IllegalArgumentException("entry " + id + " has no atom:author and neither has the feed");
            }
            checkLinks(e, "entry " + id);
            List<Element> summary = children(e, "summary");
            entries.add(new Entry(id, one(e, "title", "entry " + id), date(one(e, "updated", "entry " + id)),
                    summary.isEmpty() ? null : summary.get(0).getTextContent()));
        }
        return new Feed(iri(one(feed, "id", "feed")), one(feed, "title", "feed"), date(one(feed, "updated", "feed")), entries);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String one(Element parent, String name, String where) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new IllegalArgumentException(where + " has " + found.size() + " atom:" + name + " (exactly one is required)");
        }
        return found.get(0).getTextContent().trim();
    }

    private static String iri(String id) {
        URI u = URI.create(id);
        if (!u.isAbsolute()) {
            throw new IllegalArgumentException("atom:id " + id + " is not an absolute IRI");
        }
        return id;
    }

    private static OffsetDateTime date(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("atom:updated " + text + " is not an RFC 3339 date-time", e);
        }
    }

    private static void checkLinks(Element parent, String where) {
        for (Element link : children(parent, "link")) {
            if (link.getAttribute("href").isBlank()) {
                throw new IllegalArgumentException(where + " has an atom:link without href");
            }
        }
    }
}
