{{%AUTOESCAPE context="HTML"}}<ul class="files" aria-label="Attachments">
{{#FILE}}<li><span class="file-name">{{NAME}}</span> <span class="file-size">{{SIZE}}</span></li>
{{/FILE}}</ul>
