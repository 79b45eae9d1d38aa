package org.agreementledger.watching;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links to ICE's lists on its 287(g) page. Since February 2025 the page links two workbooks,
 * {@code https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies<MMDDYYYY><am|pm>.xlsx}
 * and {@code .../pendingAgencies<MMDDYYYY><am|pm>.xlsx}, sometimes as paths relative to the site; a
 * link is taken when its file name is a workbook naming participating or pending agencies, so a new
 * layout of the page that keeps the files still yields them, and one that does not yields none
 * (which the watcher reports: it never passes silently).
 */
final class ListLinks {

    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*([\"'])(.*?)\\1",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ListLinks() {
    }

    static List<URI> in(String html, URI page) {
        Set<URI> links = new LinkedHashSet<>();
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            String value = href.group(2).strip().replace("&amp;", "&");
            try {
                URI link = page.resolve(value.replace(" ", "%20"));
                if (isList(link)) {
                    links.add(link);
                }
            } catch (IllegalArgumentException notAUri) {
                // not a link to anything
            }
        }
        return new ArrayList<>(links);
    }

    /** Whether a URL names one of ICE's lists: a workbook of participating or pending agencies. */
    static boolean isList(URI link) {
        String name = fileName(link).toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") && (name.contains("participating") || name.contains("pending"));
    }

    static String fileName(URI link) {
        String path = link.getPath() == null ? "" : link.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
