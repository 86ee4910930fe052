<?php
/*
 * Install WordPress into the (empty) database named by the environment, with the settings a
 * news site would have (Asia/Aden time, /%year%/%monthnum%/%postname%/ permalinks), and remove
 * the sample content wp_install() adds.
 */

define('WP_INSTALLING', true);
require __DIR__ . '/bootstrap.php';

// upgrade.php defines this only when it is missing: there is no mail to send.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password)
{
}

require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// The populate_*.php script gives the site its name, description and language.
wp_install('Nashra', 'admin', 'admin@nashra.test', 1, '', 'not-a-real-password');
$url = WP_HOME;
update_option('siteurl', $url);
update_option('home', $url);
update_option('timezone_string', 'Asia/Aden');
update_option('gmt_offset', '');
update_option('date_format', 'j F Y');
update_option('posts_per_page', 10);
update_option('uploads_use_yearmonth_folders', 1);
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');

// "Hello world!", "Sample Page", the draft privacy policy page and their comment: the fixture
// lists everything it creates, so the export holds nothing else.
foreach (get_posts(array('post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1)) as $post) {
    wp_delete_post($post->ID, true);
}
update_option('wp_page_for_privacy_policy', 0);
