<?php
/*
 * The "news" site: English and Arabic content of every shape an import meets, made through
 * WordPress's own API; then the manifest (argv[1]: its path).
 */

require __DIR__ . '/helpers.php';
$manifest_path = $argv[1];

nashra_site_options(array(
    'blogname' => 'Nashra Archive',
    'blogdescription' => 'News from the Middle East and the world',
));

// --- Authors and terms ------------------------------------------------------------------------

$sarah = nashra_user('sarah', array(
    'user_email' => 'sarah@nashra.test',
    'first_name' => 'Sarah',
    'last_name' => 'Haddad',
    'display_name' => 'Sarah Haddad',
));
$ahmad = nashra_user('ahmad', array(
    'user_email' => 'ahmad@nashra.test',
    'first_name' => 'أحمد',
    'last_name' => 'العمري',
    'display_name' => 'أحمد العمري',
));

$news = nashra_term('News', 'category', array('slug' => 'news', 'description' => 'Reporting from our correspondents.'));
$middle_east = nashra_term('Middle East', 'category', array('slug' => 'middle-east', 'parent' => $news));
$world = nashra_term('World', 'category', array('slug' => 'world', 'parent' => $news));
$opinion = nashra_term('Opinion', 'category', array('slug' => 'opinion'));
// No slug given: WordPress percent-encodes the Arabic name into one.
$arabic_category = nashra_term('الشرق الأوسط', 'category', array('description' => 'أخبار المنطقة'));
foreach (array('Iraq', 'Iran', 'Yemen', 'العراق') as $name) {
    nashra_term($name, 'post_tag');
}

// --- Posts --------------------------------------------------------------------------------------

$published = nashra_post('published', array(
    'post_title' => 'Talks resume in Baghdad as regional envoys arrive',
    'post_name' => 'talks-resume-in-baghdad',
    'post_author' => $sarah,
    'post_date' => '2024-03-05 09:15:00',
    'post_excerpt' => 'Envoys from Tehran and the Gulf met Iraqi officials on Tuesday.',
    'post_content' => "<p>Envoys from Tehran and the Gulf met Iraqi officials in Baghdad on Tuesday.</p>\n\n<p>The talks, the first in a year, are expected to last three days.</p>",
    'post_category' => array($middle_east),
    'tags_input' => array('Iraq', 'Iran'),
    'meta_input' => array(
        '_yoast_wpseo_metadesc' => 'Iraqi, Iranian and Gulf officials meet in Baghdad.',
        'source_url' => 'https://news.example.org/baghdad-talks',
    ),
));
$lead = nashra_picture('lead', 'baghdad-talks.jpg', array(640, 400), array(40, 90, 160), $published, '2024-03-05 09:15:00', array(
    'post_title' => 'Envoys arrive in Baghdad',
    'post_excerpt' => 'Envoys arrive at the conference hall. Photo: Nashra',
    'post_content' => 'Wide shot of the conference hall entrance.',
    'post_author' => $sarah,
));
update_post_meta($lead, '_wp_attachment_image_alt', 'Envoys walking into a hall');
set_post_thumbnail($published, $lead);

$blocks = nashra_post('blocks', array(
    'post_title' => 'Yemen truce: what the deal says',
    'post_name' => 'yemen-truce-explained',
    'post_author' => $sarah,
    'post_date' => '2024-03-06 14:00:00',
    'post_category' => array($world),
    'tags_input' => array('Yemen'),
));
$port = nashra_picture('block', 'sanaa-port.jpg', array(480, 320), array(160, 110, 40), $blocks, '2024-03-06 14:00:00', array(
    'post_title' => 'Hodeidah port',
    'post_excerpt' => 'Cranes at Hodeidah port.',
    'post_author' => $sarah,
));
$port_url = wp_get_attachment_image_url($port, 'large');
nashra_update_content($blocks, <<<HTML
<!-- wp:paragraph -->
<p>The warring parties agreed on a <strong>two-month truce</strong> on Saturday.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">What the deal says</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><li>Flights resume from Sanaa</li><li>Fuel ships may dock at Hodeidah</li></ul>
<!-- /wp:list -->

<!-- wp:image {"id":$port,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="$port_url" alt="Cranes at a port" class="wp-image-$port"/><figcaption class="wp-element-caption">Cranes at Hodeidah port.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>This is a chance we must not waste.</p>
<!-- /wp:paragraph --><cite>The UN envoy</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=M7lc1UVf-VE","type":"video","providerNameSlug":"youtube","responsive":true} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=M7lc1UVf-VE
</div></figure>
<!-- /wp:embed -->

<!-- wp:latest-posts /-->
HTML);

$classic = nashra_post('classic', array(
    'post_title' => 'In pictures: a week on the Euphrates',
    'post_name' => 'euphrates-in-pictures',
    'post_author' => $sarah,
    'post_date' => '2024-03-07 08:30:00',
    'post_category' => array($middle_east, $world),
    'tags_input' => array('Iraq'),
));
$boats = nashra_picture('gallery_1', 'euphrates-1.jpg', array(400, 300), array(30, 120, 90), $classic, '2024-03-07 08:30:00', array(
    'post_title' => 'Fishing boats',
    'post_excerpt' => 'Fishing boats near Ramadi.',
    'post_author' => $sarah,
));
$riverbed = nashra_picture('gallery_2', 'euphrates-2.png', array(300, 300), array(200, 60, 60), $classic, '2024-03-07 08:30:00', array(
    'post_title' => 'Dry riverbed',
    'post_author' => $sarah,
));
$boats_url = wp_get_attachment_image_url($boats, 'full');
nashra_update_content($classic, <<<HTML
The river has fallen to its lowest level in decades.

[caption id="attachment_$boats" align="aligncenter" width="400"]<img class="size-full wp-image-$boats" src="$boats_url" alt="Boats on a river" width="400" height="300" /> Fishing boats near Ramadi.[/caption]

<!--more-->

Farmers say the summer will be harder still.

[gallery ids="$boats,$riverbed" columns="2" size="medium"]

https://www.youtube.com/watch?v=M7lc1UVf-VE

Write to us: [contact-form-7 id="1" title="Contact form 1"]
HTML);

// Never given a date: WordPress stores post_date_gmt as 0000-00-00 00:00:00.
nashra_post('draft', array(
    'post_title' => 'Draft: the budget, line by line',
    'post_name' => 'budget-line-by-line',
    'post_status' => 'draft',
    'post_author' => $sarah,
    'post_content' => '<p>Not ready yet.</p>',
    'post_category' => array($news),
));

nashra_post('scheduled', array(
    'post_title' => 'Scheduled: elections preview',
    'post_name' => 'elections-preview',
    'post_status' => 'future',
    'post_author' => $sarah,
    'post_date' => ((int) gmdate('Y') + 5) . '-06-01 08:00:00',
    'post_content' => '<p>Polls open next week.</p>',
    'post_category' => array($news),
));

stick_post(nashra_post('sticky', array(
    'post_title' => 'Live: results as they come in',
    'post_name' => 'live-results',
    'post_author' => $sarah,
    'post_date' => '2024-03-08 20:00:00',
    'post_content' => '<p>Counting is under way in all provinces.</p>',
    'post_category' => array($news),
)));

nashra_post('hostile', array(
    'post_title' => 'Hostile markup',
    'post_name' => 'hostile-markup',
    'post_author' => $sarah,
    'post_date' => '2024-03-09 11:00:00',
    'post_excerpt' => 'An excerpt <script>alert("excerpt")</script>',
    'post_content' => <<<'HTML'
<p>Before the payload.</p>
<script>alert(1)</script>
<p><img src=x onerror=alert(1)></p>
<p><a href="javascript:alert(1)">Click here</a></p>
<iframe src="https://evil.example/frame" width="600" height="400"></iframe>
<p onclick="alert(2)" style="background:url(javascript:alert(3))">Styled paragraph</p>
<p>A comparison that ends a CDATA section: a[b[0]]>c</p>
<p>After the payload.</p>
HTML,
    'post_category' => array($opinion),
));

// No post_name: WordPress makes the slug from the Arabic title, percent-encoded.
$arabic = nashra_post('arabic', array(
    'post_title' => 'استئناف المحادثات في بغداد',
    'post_author' => $ahmad,
    'post_date' => '2024-03-10 10:00:00',
    'post_excerpt' => 'التقى مبعوثون إقليميون بمسؤولين عراقيين.',
    'post_content' => "<p>التقى مبعوثون من طهران والخليج بمسؤولين عراقيين في بغداد يوم الثلاثاء.</p>\n\n<p>ويتوقع أن تستمر المحادثات ثلاثة أيام.</p>",
    'post_category' => array($arabic_category),
    'tags_input' => array('العراق'),
));
// From the media library, attached to no post, yet the Arabic post's featured image.
$skyline = nashra_picture('unattached', 'baghdad-skyline.jpg', array(360, 240), array(90, 60, 130), 0, '2024-03-01 07:00:00', array(
    'post_title' => 'أفق بغداد',
    'post_excerpt' => 'بغداد عند الغروب.',
    'post_author' => $ahmad,
));
update_post_meta($skyline, '_wp_attachment_image_alt', 'مبان على ضفة نهر دجلة');
set_post_thumbnail($arabic, $skyline);

// A long Arabic title: WordPress cuts the encoded slug at 200 characters, mid-title.
nashra_post('arabic_long', array(
    'post_title' => 'مبعوثون إقليميون يصلون إلى بغداد لاستئناف المحادثات حول الأمن والطاقة والمياه',
    'post_author' => $ahmad,
    'post_date' => '2024-03-11 16:45:00',
    'post_content' => '<p dir="rtl">وصل المبعوثون صباح الاثنين.</p>',
    'post_category' => array($arabic_category, $middle_east),
    'tags_input' => array('العراق', 'Iraq'),
));

$about = nashra_post('page', array(
    'post_title' => 'About Nashra',
    'post_name' => 'about',
    'post_type' => 'page',
    'post_author' => 1,
    'post_date' => '2024-01-01 12:00:00',
    'post_content' => '<p>Nashra is an independent newsroom.</p>',
    'menu_order' => 1,
));
nashra_post('child_page', array(
    'post_title' => 'Our team',
    'post_name' => 'team',
    'post_type' => 'page',
    'post_parent' => $about,
    'post_author' => 1,
    'post_date' => '2024-01-01 12:05:00',
    'post_content' => '<p>Editors and correspondents.</p>',
    'menu_order' => 2,
));

// --- Comments (an import leaves them behind) ----------------------------------------------------

$first = nashra_comment(array(
    'comment_post_ID' => $published,
    'comment_author' => 'A reader',
    'comment_author_email' => 'reader@example.org',
    'comment_content' => 'Thank you for this report.',
    'comment_date' => '2024-03-05 12:00:00',
    'comment_date_gmt' => '2024-03-05 09:00:00',
));
nashra_comment(array(
    'comment_post_ID' => $published,
    'comment_parent' => $first,
    'comment_author' => 'Sarah Haddad',
    'comment_author_email' => 'sarah@nashra.test',
    'user_id' => $sarah,
    'comment_content' => 'Thanks for reading.',
    'comment_date' => '2024-03-05 12:30:00',
    'comment_date_gmt' => '2024-03-05 09:30:00',
));

nashra_write_manifest($manifest_path);
