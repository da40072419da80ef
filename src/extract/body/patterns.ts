// Named heuristics for finding the article body, each with why it exists. They are
// matched against an element's class and id (lower-cased, joined by a space).

/** Tags that never hold article text: dropped with their content before anything else. */
export const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'button', 'input', 'select', 'textarea', 'option', 'datalist',
  'dialog', 'menu', 'nav', 'link', 'meta', 'title', 'base', 'rt', 'rp', 'audio', 'video', 'map', 'area',
]);

/** Elements that end a paragraph: text on either side is a different block. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'center', 'caption', 'html',
]);

/** Elements whose own text counts as a paragraph when scoring. */
export const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd', 'h2', 'h3', 'h4']);

/** Class/id words of page furniture that is never the article: share bars, related-post
 * rails, newsletter and cookie prompts, comments, ads, author boxes, navigation. Matched
 * as whole words inside class/id (so "share-tools" matches but "shareholder" does not). */
export const BOILERPLATE = new RegExp(
  '(?:^|[\\s_-])(?:' +
    [
      'share', 'shares', 'sharing', 'sharebar', 'share-?tools', 'social', 'socials', 'social-?media',
      'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'sign-?up', 'optin', 'cookie', 'cookies', 'consent', 'gdpr',
      'privacy-?(?:notice|banner|popup|overlay|layer|bar|info|hint)', 'datenschutz-?(?:hinweis|banner|layer)', 'onetrust', 'cmp-?(?:banner|container|wrapper|layer)',
      'comment', 'comments', 'disqus', 'discussion', 'related', 'relatedposts', 'related-?articles', 'recommended', 'recommendations',
      'more-?stories', 'more-?news', 'read-?more', 'readmore', 'read-?next', 'up-?next', 'most-?popular', 'most-?read', 'popular',
      'trending', 'outbrain', 'taboola', 'promo', 'promotion', 'sponsor', 'sponsored', 'advert', 'advertisement', 'adsbygoogle', 'ad', 'ads',
      'adslot', 'ad-?slot', 'ad-?container', 'ad-?wrapper', 'dfp', 'banner', 'breadcrumb', 'breadcrumbs', 'sidebar', 'side-?bar', 'rail',
      'footer', 'masthead', 'navbar', 'navigation', 'nav', 'menu', 'skip', 'skiplink', 'toolbar', 'tags', 'tag-?list', 'topics',
      'author-?bio', 'author-?box', 'author-?info', 'author-?card', 'author-?details', 'author-?content', 'author-?profile', 'about-?the-?author', 'autor-?box', 'autorenbox', 'bio', 'byline', 'dateline', 'timestamp', 'print', 'pagination', 'pager',
      'modal', 'popup', 'overlay', 'teaser', 'teasers', 'visually-?hidden', 'sr-?only', 'screen-?reader',
      'newsletter-?signup', 'inline-?newsletter', 'donate', 'donation', 'follow', 'login', 'register', 'rating', 'reactions', 'emoji',
      'jump-?link', 'sharedaddy', 'likes', 'tooltip', 'caption-?credit', 'lightbox', 'gallery-?nav', 'video-?player', 'player', 'podcast', 'audio-?player',
      'listen', 'play', 'share-?button', 'entry-?meta', 'post-?meta', 'article-?meta', 'postmeta', 'left-?column', 'right-?column', 'leftcol', 'rightcol', 'next-?post', 'prev-?post', 'next-?story', 'nextstory', 'post-?navigation', 'nav-?links', 'disclosure', 'disclaimer', 'email-?share',
    ].join('|') +
    ')(?=$|[\\s_-])',
);

/** Class/id words that mark the article itself. An element matching both this and
 * BOILERPLATE (e.g. "article-body related") is kept: the body wrapper often carries
 * modifier classes. */
export const ARTICLE_HINT = /(?:^|[\s_-])(?:article|articlebody|article-?body|article-?content|story|story-?body|storytext|entry|entry-?content|post|post-?content|post-?body|main|content|body|text|body-?text|richtext|rich-?text|blog|page|prose|copy)(?=$|[\s_-])/;

/** Strong signals that an element is the article body container. */
export const BODY_CONTAINER = /(?:^|[\s_-])(?:article-?body|articlebody|article-?content|article-?text|story-?body|story-?content|storytext|entry-?content|post-?content|post-?body|body-?text|article__body|content-?body|rich-?text|richtext|main-?content|text-?content)(?=$|[\s_-])/;

/** Class/id words that lower an element's score without removing it. */
export const NEGATIVE_HINT = /(?:^|[\s_-])(?:aside|caption|credit|meta|footnote|promo|related|shoutbox|sidebar|sponsor|shopping|widget|header|hero|kicker|label|category|tag)(?=$|[\s_-])/;

/** Short lines that are share-bar or teaser residue when they stand alone as a block. */
export const RESIDUE_LINE = /^(?:share(?: this(?: article| story)?)?|tweet|email|e-?mail|print|copy link|copied|link copied|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|flipboard|comments?|\d+ comments?|advertisement|anzeige|werbung|publicidad|publicité|sponsored|read more|continue reading|read next|more:?|related:?|see also:?|(?:skip|jump)(?: to)?(?: the)? (?:main )?(?:content|article|advertisement|navigation)|(?:direkt )?zum inhalt(?: springen)?|aller au contenu|ir al contenido(?: principal)?|vai al contenuto|(?:live)?1\d{9}(?:\d{3})?|scroll to continue(?: with content)?|story continues below(?: advertisement)?|article continues below(?: this ad)?|mehr zum thema:?|lesen sie auch:?|auch interessant:?|leer más:?|lea también:?|lire aussi:?|toggle caption|hide caption|enlarge this image|image|photo|video|listen(?: to this article)?|\d+ min(?:ute)?s? read|(?:aktualisiert|updated|published|veröffentlicht|stand|release date|datum|date|erstellt|zuletzt aktualisiert)(?: am| on)?:?(?: [\d./:, -]+(?:uhr)?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:,? \d{1,2}:\d{2}(?: uhr)?)?|titelbild:?|externer inhalt|kommentieren|jetzt kommentieren|beitragsbild|zurück(?: zur (?:listenansicht|vorherigen seite|übersicht))?|von:|news|pdf|aktuelles|(?:kategorie|category|categories|kategorien|tags?|schlagworte|themen|topics|filed under|posted in)\s*:.{0,80}|\(?noch keine bewertungen\)?|\d+ (?:minut|minuten|minutes?|min\.?) (?:czytania|lesezeit|read|de lecture|de lectura)|(?:lesezeit|reading time)\s*:?\s*\d+ min(?:uten|utes)?\.?|quellen (?:ausblenden|einblenden)|close|open|menu|search|loading\.*|subscribe|sign up|log in|weiterlesen)$/i;

/** A paragraph that only points elsewhere ("Read more: …", "RELATED: …"): a teaser. */
export const TEASER_PREFIX = /^(?:read more|more|related(?: (?:video|videos|story|stories|article|articles|content|reading|coverage|podcast))?|see also|also read|read also|watch|listen|recommended|further reading|mehr zum thema|lesen sie auch|auch interessant|das könnte sie auch interessieren|lea también|leer más|lire aussi|à lire aussi|ver también|puedes ver|te puede interesar|le puede interesar|mira|lee también|lee además|voir aussi|czytaj też|czytaj także|zobacz też|leggi anche)\s*[:|»>–-]/i;

/** Short blocks that ask something of the reader instead of telling the story: paywall
 * and subscription prompts, app and social plugs, copyright lines. */
export const READER_PROMPT = /\b(?:subscribe|subscriber|subscription|sign up for|newsletter|log ?in to|download (?:the|our) app|follow (?:us|the \w+) on|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|copyright ©?|jetzt (?:abonnieren|testen|anmelden)|abonnieren sie|hazte miembro|suscríbete|abonnez-vous|this article is the copyrighted property|our standards:|trust principles|sie müssen sich einloggen|melden sie sich an, um|wir respektieren deine privatsphäre|wir respektieren ihre privatsphäre|jede (?:kleine )?spende|unterstützen sie (?:uns|unsere arbeit)|support (?:our|independent) journalism|únete|síguenos|siguenos en|nuestro canal de (?:telegram|youtube|whatsapp)|cancela cuando quieras|hacemos periodismo|pour lire la suite|bitte registrieren sie sich|durch die weitere nutzung der seite|zapraszamy (?:też )?do subskrypcji|materiał chroniony prawem|sofern nicht anders ausgewiesen|alle angaben ohne gewähr|does not offer medical advice|enthält werbung|dieser beitrag enthält|geld erhalten wir, wenn|scroll to read more|submit your letter|instant access to the full article|download the [\p{L}]+ apps?|war (?:der|dieser) artikel (?:nützlich|hilfreich)|möchten sie (?:den|diesen) artikel teilen|this post contains references to products|contains affiliate links|affiliate-links?|für links auf dieser seite erhält|gibt die meinung de[sr] autor(?:s|in) wieder|if you enjoyed reading this|wurde erfolgreich hinzugefügt|bitte geben sie die zahlenfolge|thank you for registering|please refresh (?:the page|your browser)|already a subscriber|vervielfältigung nur mit genehmigung|we use cookies|wir verwenden cookies|nous utilisons des cookies|utilizamos cookies|korzystamy z cookies)\b/iu;

/** Headings (or short heading-like lines) after which only furniture follows: author
 * boxes, "more on this", comments, contact boxes. The rest of the body is cut there. */
export const TAIL_HEADING = /^(?:about the author|about the authors|über den autor|über die autorin|über die autoren|zum autor|zur autorin|l'auteur|sobre el autor|more (?:from|on|about) [\p{L} ]{1,30}|more stories|related(?: articles| stories| posts| coverage)?|you (?:may|might) also like|recommended(?: for you)?|read (?:more|next)|mehr zum thema|mehr (?:dazu|aus|von)\b.*|weitere (?:themen|artikel|informationen|infos|beiträge|nachrichten)|das könnte sie auch interessieren|auch interessant|schon gelesen\??|lesen sie auch|comments?|\d+ comments?|leave a (?:reply|comment)|kommentare?|kommentar schreiben|kommentare schreiben|commentaires?|comentarios?|share this(?: article| story| post)?|teilen|diesen artikel teilen|follow us|kontakt|contact us|fragen an den autor|tags|schlagwörter|themen|sur le même sujet|à lire aussi|lire aussi|ver también|te puede interesar|noticias relacionadas|artículos relacionados|weitere aktuelle (?:themen|artikel|meldungen|nachrichten)(?: [\p{L} ]{1,40})?|top[- ]themen(?: der redaktion)?|czytaj (?:też|także|również)|zobacz (?:też|także)|related coverage|entdecke weitere [\p{L} ]{1,30}|highlights aus dem heft|unsere partner(?: [\p{L} -]{1,40})?|kommende (?:events|termine)|das könnte (?:dich|sie) (?:auch )?interessieren|empfehlungen(?: der redaktion)?|beliebte (?:artikel|beiträge)|neueste (?:artikel|beiträge)|letzte beiträge|ähnliche (?:artikel|beiträge)|passende (?:artikel|beiträge)|weiterführende links|links zum thema|war (?:der|dieser) artikel (?:nützlich|hilfreich)|teilnehmende blogs|more in [\p{L} ]{1,30}|verwandte (?:themen|themenbereiche|artikel)|(?:die )?meistgelesenen? (?:artikel|beiträge|nachrichten)|most read|lo más leído|les plus lus|ähnliche (?:nachrichten|themen)|mehr themen|lesen sie auch(?: die folgenden beiträge)?|weitere beiträge(?: aus [\p{L} ]{1,30})?|das thema könnte (?:dich|sie) (?:auch )?interessieren|zum weiterlesen|schlagworte|schlagwörter|stichworte|quellenangaben|zusatzinformationen|le puede interesar|te recomendamos|vorschau auf den nächsten artikel|contexto de la noticia|infos zum reiseziel|artikel bewerten|wie bewerten sie diesen (?:artikel|beitrag)|ist dieser (?:beitrag|artikel) hilfreich|den artikel mit anderen teilen(?:\/diskutieren)?|empfehlungen aus (?:der|dem) [\p{L} ]{1,30}|noch mehr infos(?: für dich)?|we want to hear what you think(?: about this article)?|advertising disclosure|verraten sie (?:gerne|uns) in den kommentaren|weitere tourentipps|originalpublikation|latest (?:news|stories|articles)|popular (?:posts|articles|stories)|trending(?: now)?|editor'?s picks|what to read next|in other news|sponsored content|partner content|anzeige)\s*[:.!?]?$/iu;

/** Furniture named so plainly that no size guard applies: a comments section or a
 * related-posts rail can hold more text than the article and must still go. Matched
 * anywhere in class/id ("sect_commentlinks", "relatedArticles"). */
export const STRONG_BOILERPLATE = /comment(?!ary)|disqus|kommentar|leserbrief|newsletter|outbrain|taboola|plista|cookie|consent|related|recommend|trending|most-?popular|most-?read|meistgelesen|social-?(?:media|share|links|icons|bar)|share-?(?:bar|tools|buttons|links|icons)|sharetools|subscribe|abonnement|advert|sponsor/;
