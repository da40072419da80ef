// feeds-generate: realistic synthetic feeds for benchmarks and tests — news items with a
// headline, link, guid, date, author, categories, an HTML summary with a link and some
// entities, content:encoded paragraphs, and a media:content image, like a newspaper's
// RSS or Atom export.
const WORDS = 'the minister said on tuesday that talks with unions over the new budget would resume next week after a breakdown in negotiations over pay and pensions for public sector workers across the country'.split(' ');

function sentence(i: number, n: number): string {
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 7 + k * 3) % WORDS.length]!);
  const s = out.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

function date(i: number): Date {
  return new Date(Date.UTC(2024, 4, 20, 12, 0, 0) - i * 37 * 60_000);
}

export function generateRss(items: number): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel><title>Example News &amp; Views</title><link>https://news.example.com/</link><description>Latest stories</description><language>en-gb</language><ttl>15</ttl>',
    '<atom:link href="https://news.example.com/feed" rel="self" type="application/rss+xml"/>',
  ];
  for (let i = 0; i < items; i++) {
    parts.push(`<item>
<title>${sentence(i, 9).replace('.', '')} &#8211; report ${i}</title>
<link>https://news.example.com/politics/2024/05/story-${i}.html</link>
<guid isPermaLink="false">news-example-${100000 + i}</guid>
<pubDate>${date(i).toUTCString()}</pubDate>
<dc:creator>Jane Reporter</dc:creator>
<category>Politics</category><category>Budget</category>
<description><![CDATA[<p>${sentence(i, 24)} <a href="/politics/related-${i}.html">Read more</a></p>]]></description>
<content:encoded><![CDATA[<p>${sentence(i, 30)}</p><p>${sentence(i + 1, 28)} &ldquo;We will not accept this,&rdquo; she said.</p><figure><img src="https://img.example.com/${i}.jpg" alt="Protest"><figcaption>Workers outside parliament</figcaption></figure><p>${sentence(i + 2, 26)}</p>]]></content:encoded>
<media:content url="https://img.example.com/${i}.jpg" medium="image" width="1200" height="800"><media:description>Workers outside parliament</media:description></media:content>
</item>`);
  }
  parts.push('</channel></rss>');
  return parts.join('\n');
}

export function generateAtom(items: number): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xmlns:media="http://search.yahoo.com/mrss/">',
    '<title>Example News</title><link href="https://news.example.com/"/><link rel="self" href="https://news.example.com/atom"/><id>tag:news.example.com,2024:feed</id><updated>2024-05-20T12:00:00Z</updated>',
  ];
  for (let i = 0; i < items; i++) {
    const d = date(i).toISOString();
    parts.push(`<entry>
<title type="html">${sentence(i, 9).replace('.', '')} &amp;ndash; report ${i}</title>
<link rel="alternate" type="text/html" href="https://news.example.com/world/2024/05/story-${i}"/>
<id>tag:news.example.com,2024:${100000 + i}</id>
<published>${d}</published><updated>${d}</updated>
<author><name>Jane Reporter</name></author>
<category term="World"/><category term="Europe"/>
<summary type="html">&lt;p&gt;${sentence(i, 24)} &lt;a href="/world/related-${i}"&gt;More&lt;/a&gt;&lt;/p&gt;</summary>
<content type="html">&lt;p&gt;${sentence(i, 30)}&lt;/p&gt;&lt;p&gt;${sentence(i + 1, 28)} &amp;ldquo;We will not accept this,&amp;rdquo; she said.&lt;/p&gt;&lt;p&gt;${sentence(i + 2, 26)}&lt;/p&gt;</content>
<media:thumbnail url="https://img.example.com/${i}.jpg" width="640" height="360"/>
</entry>`);
  }
  parts.push('</feed>');
  return parts.join('\n');
}
