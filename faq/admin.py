from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import BaseGenericInlineFormSet, GenericStackedInline
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.text import slugify
from django_ckeditor_5.widgets import CKEditor5Widget

from newsroom.richtext import sanitize_html

from .models import FAQEntry, FAQPage


def question_key(question):
    # Two questions with one key would share an anchor (FAQEntry.anchor).
    return slugify(question)


class FAQEntryForm(forms.ModelForm):
    class Meta:
        model = FAQEntry
        fields = ["question", "answer", "position"]
        widgets = {"answer": CKEditor5Widget(config_name="answer")}

    def clean_question(self):
        question = " ".join(self.cleaned_data["question"].split())
        if not question:
            raise ValidationError("Write the question.")
        return question

    def clean_answer(self):
        answer = sanitize_html(self.cleaned_data["answer"])
        if not answer:
            raise ValidationError("Write an answer to this question.")
        return answer


class FAQEntryFormSet(BaseGenericInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            question = form.cleaned_data.get("question", "")
            key = question_key(question)
            if key in seen:
                raise ValidationError(f"The question “{question}” is asked twice on this page.")
            seen.add(key)


class FAQEntryInline(GenericStackedInline):
    """FAQ entries edited on the page they belong to, in reading order."""

    model = FAQEntry
    form = FAQEntryForm
    formset = FAQEntryFormSet
    extra = 0
    verbose_name = "FAQ entry"
    verbose_name_plural = "FAQ section (questions appear in order of position, lowest first)"
    readonly_fields = ["search_engines"]

    @admin.display(description="Search engines")
    def search_engines(self, entry):
        if not entry.pk:
            return "Marked up once saved, unless another page already has the same question and answer."
        if entry.marked_up:
            copies = FAQEntry.objects.filter(fingerprint=entry.fingerprint).exclude(pk=entry.pk).count()
            note = f" (the same entry on {copies} other page(s) is not marked up there)" if copies else ""
            return f"Marked up on this page{note}."
        chosen = FAQEntry.objects.filter(fingerprint=entry.fingerprint, marked_up=True).first()
        owner = chosen.content_object if chosen else None
        if owner is None:
            return "Not marked up: the same entry is on another page."
        return format_html(
            'Shown here, marked up on <a href="{}">{}</a>, which published it first.',
            owner.get_absolute_url(),
            owner,
        )


class FAQPageForm(forms.ModelForm):
    class Meta:
        model = FAQPage
        fields = ["title", "slug", "intro", "is_published"]
        widgets = {"intro": CKEditor5Widget(config_name="answer")}


@admin.register(FAQPage)
class FAQPageAdmin(admin.ModelAdmin):
    form = FAQPageForm
    list_display = ["title", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "faq_entries__question"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FAQEntryInline]
